import http from 'node:http';
import https from 'node:https';
import { hash32, unitHash } from './hash.util';
import { CLICKED_BIT, MessageStore, OPENED_BIT } from './message-store.service';
import type { ResolvedVendorStubOptions } from './options.util';
import { predictEngagement } from './outcome.util';

const TICK_MS = 20;
const SEED_SCANNER = 0x5bd1e995;
/** What the simulated people and scanners send. */
export const HUMAN_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15';
export const SCANNER_AGENT = 'Mozilla/5.0 (compatible; LinkScanner/2.1; +https://security.example.com/scanner)';

/** Tracked URLs in a delivered body: click links `/r/<code>` and the open pixel `/o/<code>.gif`. */
export function trackedUrls(body: string): { pixel: string | null; links: string[] } {
  const links = [...new Set([...body.matchAll(/https?:\/\/[^\s"'<>]+\/r\/[A-Za-z0-9_-]+/g)].map((m) => m[0]))];
  const pixel = /https?:\/\/[^\s"'<>]+\/o\/[A-Za-z0-9_-]+\.gif/.exec(body)?.[0] ?? null;
  return { pixel, links };
}

export interface EngagementCounters {
  /** Pixel fetches (simulated opens). */
  opens: number;
  /** Tracked-link GETs by simulated people. */
  clicks: number;
  /** Messages a simulated link scanner went through (every link at once, HEAD or GET). */
  scans: number;
  /** Requests that failed (connection error or an unexpected status). */
  failures: number;
}

interface Due {
  slot: number;
  dueAt: number;
}

/** A FIFO of due work (due times are nearly in order: one delay plus under a second of jitter). */
class DueQueue {
  private items: Due[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(d: Due): void {
    this.items.push(d);
  }

  /** The first item if it is due. */
  take(now: number): Due | null {
    const d = this.items[this.head];
    if (!d || d.dueAt > now) return null;
    this.head++;
    if (this.head > 4096) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return d;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

/**
 * After a message's `delivered` receipt was acknowledged, plays its recipient over real HTTP:
 * `openRate` of delivered emails fetch the pixel and `clickRate` of delivered messages follow one
 * tracked link (after `engageDelayMs` plus up to a second, like a person reading later);
 * `scannerRate` of them are first gone through by a link scanner at once (HEAD every link, or GET
 * every link with a scanner's user agent). Redirects are not followed: the stub never calls the
 * destination sites. Only when `engage` is on; it never sends opened/clicked receipts (the API
 * tracks those itself).
 */
export class EngagementSimulator {
  readonly counters: EngagementCounters = { opens: 0, clicks: 0, scans: 0, failures: 0 };
  private readonly scans = new DueQueue();
  private readonly people = new DueQueue();
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };

  constructor(
    private readonly store: MessageStore,
    private readonly options: () => ResolvedVendorStubOptions,
  ) {}

  /** Engagement still to be played (queued or in flight). */
  get pending(): number {
    return this.scans.length + this.people.length + this.inFlight;
  }

  start(): void {
    this.timer ??= setInterval(() => this.pump(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  clear(): void {
    this.scans.clear();
    this.people.clear();
    Object.assign(this.counters, { opens: 0, clicks: 0, scans: 0, failures: 0 });
  }

  /** A message was delivered (its receipt acknowledged). */
  delivered(slot: number, now: number): void {
    const opts = this.options();
    if (!opts.engage) return;
    const key = this.store.keyOf(slot);
    const body = this.store.record(slot).body;
    const { opened, clicked } = predictEngagement(key, this.store.channelOf(slot), ratesFor(body, opts));
    if (unitHash(key, SEED_SCANNER) < opts.scannerRate) this.scans.push({ slot, dueAt: now });
    if (opened || clicked) this.people.push({ slot, dueAt: now + opts.engageDelayMs + (hash32(key, 7) % 1000) });
  }

  private pump(): void {
    const now = Date.now();
    const limit = this.options().engageConcurrency;
    while (this.inFlight < limit) {
      const scan = this.scans.take(now);
      const due = scan ?? this.people.take(now);
      if (!due) break;
      this.inFlight++;
      void (scan ? this.scan(due.slot) : this.person(due.slot))
        .catch(() => this.counters.failures++)
        .finally(() => this.inFlight--);
    }
  }

  private target(u: string): string {
    const origin = this.options().engageOrigin;
    return origin ? origin + new URL(u).pathname : u;
  }

  private async scan(slot: number): Promise<void> {
    const record = this.store.record(slot);
    if (!record.body) return;
    const { links } = trackedUrls(record.body);
    if (!links.length) return;
    this.counters.scans++;
    const method = hash32(record.idempotencyKey, 11) % 2 === 0 ? 'HEAD' : 'GET';
    await Promise.all(links.map((l) => this.fetch(this.target(l), method, SCANNER_AGENT)));
  }

  private async person(slot: number): Promise<void> {
    const record = this.store.record(slot);
    if (!record.body) return;
    const { pixel, links } = trackedUrls(record.body);
    const key = record.idempotencyKey;
    const { opened, clicked } = predictEngagement(key, record.channel, ratesFor(record.body, this.options()));
    if (opened && pixel && (await this.fetch(this.target(pixel), 'GET', HUMAN_AGENT))) {
      this.counters.opens++;
      this.store.markDelivery(slot, OPENED_BIT);
    }
    if (clicked && links.length) {
      const link = links[hash32(key, 13) % links.length];
      if (await this.fetch(this.target(link), 'GET', HUMAN_AGENT)) {
        this.counters.clicks++;
        this.store.markDelivery(slot, CLICKED_BIT);
      }
    }
  }

  private fetch(target: string, method: 'GET' | 'HEAD', agent: string): Promise<boolean> {
    return new Promise((resolve) => {
      const u = new URL(target);
      const lib = u.protocol === 'https:' ? https : http;
      const req = lib.request(
        u,
        {
          method,
          agent: u.protocol === 'https:' ? this.agents.https : this.agents.http,
          headers: { 'user-agent': agent },
          timeout: 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const ok = res.statusCode === 200 || res.statusCode === 302;
            if (!ok) this.counters.failures++;
            resolve(ok);
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        this.counters.failures++;
        resolve(false);
      });
      req.end();
    });
  }
}

/** The rates of the first `variantRates` rule the body matches, else the stub's own. */
export function ratesFor(
  body: string | null | undefined,
  opts: Pick<ResolvedVendorStubOptions, 'openRate' | 'clickRate' | 'variantRates'>,
): { openRate: number; clickRate: number } {
  const rule = body ? opts.variantRates.find((r) => body.includes(r.contains)) : undefined;
  return { openRate: rule?.openRate ?? opts.openRate, clickRate: rule?.clickRate ?? opts.clickRate };
}
