/**
 * Machine-traffic rules (docs/tracking.md). Request rules look at one hit; timing rules need the
 * message's delivery time and the message's other clicks, and run in the consumer.
 */
export type MachineReason = 'head' | 'prefetch' | 'proxy' | 'bot_agent' | 'too_fast' | 'scanner_burst';

/** Mail providers' image proxies fetch every image of a received mail, read or not. */
const PROXY_AGENTS = /GoogleImageProxy|YahooMailProxy|ggpht\.com|Outlook-iOS-Android|via ggpht/i;
/** Apple Mail Privacy Protection fetches with a bare `Mozilla/5.0` (no platform details). */
const APPLE_MPP = /^Mozilla\/5\.0$/;
/** Link scanners, security gateways, crawlers and HTTP libraries. */
const BOT_AGENTS =
  /bot\b|bot\/|crawler|spider|scanner|slurp|preview|curl\/|wget\/|python-requests|python-urllib|aiohttp|go-http-client|java\/|okhttp|libwww|httpclient|headlesschrome|phantomjs|barracuda|proofpoint|mimecast|symantec|forcepoint|urldefense|safelinks|trendmicro|sophos|fortiguard|msnbot|bingpreview/i;

export interface HitRequest {
  method: string;
  userAgent: string;
  /** Purpose / Sec-Purpose / X-Moz / X-Purpose header values, joined. */
  prefetch: string;
}

export function requestMachineReason(hit: HitRequest): MachineReason | null {
  if (hit.method === 'HEAD') return 'head';
  if (/prefetch|preview|prerender/i.test(hit.prefetch)) return 'prefetch';
  const ua = hit.userAgent.trim();
  if (PROXY_AGENTS.test(ua) || APPLE_MPP.test(ua)) return 'proxy';
  if (BOT_AGENTS.test(ua)) return 'bot_agent';
  return null;
}

/** Within `windowSeconds` of delivery (or of sending, before a receipt came), or before either is known. */
export function tooFast(at: number, deliveredOrSentAt: number | null, windowSeconds: number): boolean {
  if (windowSeconds <= 0) return false;
  if (deliveredOrSentAt === null) return true;
  return at - deliveredOrSentAt < windowSeconds * 1000;
}

export interface ClickAt {
  key: string;
  linkId: number;
  at: number;
}

/**
 * Keys of clicks that belong to a burst: starting from a click, the clicks up to the one that
 * completes every one of the message's `linkCount` (≥ 2) links, when that happens within
 * `burstSeconds`. Later clicks are not pulled in unless they complete another such span.
 */
export function burstKeys(clicks: readonly ClickAt[], linkCount: number, burstSeconds: number): Set<string> {
  const out = new Set<string>();
  if (linkCount < 2 || clicks.length < linkCount) return out;
  const sorted = [...clicks].sort((a, b) => a.at - b.at);
  const span = burstSeconds * 1000;
  for (let i = 0; i < sorted.length; i++) {
    const links = new Set<number>();
    for (let j = i; j < sorted.length && sorted[j].at - sorted[i].at <= span; j++) {
      links.add(sorted[j].linkId);
      if (links.size >= linkCount) {
        for (let k = i; k <= j; k++) out.add(sorted[k].key);
        break;
      }
    }
  }
  return out;
}
