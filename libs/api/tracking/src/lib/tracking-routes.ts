import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CampaignLink, TrackingCodesService } from '@mini-crm/api/campaigns';
import { HitRecorderService } from './hit-recorder.service';
import { LinkCacheService } from './link-cache.service';
import { HitRefused, TrackingLimits } from './hit-limits';
import { TrackedHit } from './hit-stream';

/** A transparent 1×1 GIF (43 bytes). */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

const NOT_FOUND_BODY = JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Unknown tracking code' });
const SLASH = 47;

/** A request handler that answers the requests it owns and returns false for the rest. */
export type FrontDoorHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

/** The client address as Fastify's `trustProxy: true` sees it: the first X-Forwarded-For hop, else the peer. */
function clientIp(req: IncomingMessage): string | undefined {
  const xff = header(req, 'x-forwarded-for');
  if (xff) return xff.split(',')[0].trim();
  return req.socket.remoteAddress;
}

/** The code of `/r/<code>` or `/o/<code>` (query dropped, percent-decoded); null when it is not one segment. */
function codeOf(url: string): string | null {
  const q = url.indexOf('?');
  const raw = q === -1 ? url.slice(3) : url.slice(3, q);
  if (!raw || raw.includes('/')) return null;
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * Tracked links and the open pixel, outside `/api` and public: the signed code is the credential.
 * They are the busiest public URLs, so they are answered by the HTTP server in front of Fastify
 * (`handle`, wired by the API bootstrap) before any framework hook runs: no router, helmet, request
 * logger, guard or pipe has anything to do for a 302 or a GIF (OpenAPI: TRACKING_OPENAPI_PATHS).
 * Each hit is appended to a Redis stream before the answer (never waiting for the database) and
 * written to engagement_events by the consumer. Forged, malformed or unknown codes get 404 and
 * record nothing; a click only ever redirects to the URL stored for that campaign. HEAD is answered
 * like GET without a body and recorded with method HEAD (labelled machine).
 */
@Injectable()
export class TrackingRoutes {
  private readonly log = new Logger('Tracking');
  private limits: TrackingLimits | null = null;

  constructor(
    private readonly codes: TrackingCodesService,
    private readonly links: LinkCacheService,
    private readonly hits: HitRecorderService,
  ) {}

  /** Rate limits every tracking request from now on (forged and unknown codes count too); null turns them off. */
  useLimits(limits: TrackingLimits | null): void {
    this.limits = limits;
  }

  /** Answers GET/HEAD `/r/…` and `/o/…`; anything else is left to Fastify (returns false). */
  readonly handle: FrontDoorHandler = (req, res) => {
    const url = req.url ?? '';
    if (url.length < 3 || url.charCodeAt(2) !== SLASH || url.charCodeAt(0) !== SLASH) return false;
    const kind = url[1];
    if (kind !== 'r' && kind !== 'o') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const code = codeOf(url);
    const answered =
      (code === null ? null : kind === 'r' ? this.click(code, req, res) : this.open(code, req, res)) ??
      this.count(req, code).then((refused) => (refused ? tooManyHits(res, refused) : notFound(res)));
    answered.catch((e: Error) => {
      this.log.error(`tracking request failed: ${e.message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' }));
    });
    return true;
  };

  /** null when the code is not a valid click code (answered 404 by the caller). */
  private click(code: string, req: IncomingMessage, res: ServerResponse): Promise<void> | null {
    const claim = this.codes.verify(code, 'click');
    if (!claim || claim.linkId === null) return null;
    const linkId = claim.linkId;
    const cached = this.links.peek(linkId);
    return (async () => {
      const link: CampaignLink | null = cached ?? (await this.links.load(linkId));
      const refused = link ? await this.record(req, code, claim.messageId, link.id) : await this.count(req, code);
      if (refused) return tooManyHits(res, refused);
      if (!link) return notFound(res);
      res.writeHead(302, {
        location: link.url,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-length': 0,
      });
      res.end();
    })();
  }

  private open(file: string, req: IncomingMessage, res: ServerResponse): Promise<void> | null {
    const claim = file.endsWith('.gif') ? this.codes.verify(file.slice(0, -4), 'open') : null;
    if (!claim) return null;
    return this.record(req, file, claim.messageId, null).then((refused) => {
      if (refused) return tooManyHits(res, refused);
      res.writeHead(200, {
        'content-type': 'image/gif',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store, no-cache, must-revalidate, max-age=0',
        pragma: 'no-cache',
        'content-length': PIXEL_GIF.length,
      });
      res.end(PIXEL_GIF);
    });
  }

  /**
   * Counts a request whose code is not answered (malformed, forged, unknown): null when within the
   * limits (or limits are off, or Redis cannot count: availability over counting).
   */
  private async count(req: IncomingMessage, code: string | null): Promise<HitRefused | null> {
    if (!this.limits) return null;
    try {
      return await this.hits.countAndRecord(this.limits, clientIp(req), code, null);
    } catch (e) {
      this.log.warn(`tracking request not counted: ${(e as Error).message}`);
      return null;
    }
  }

  /**
   * Counts and appends the hit in one round trip: the refusal when over a limit (nothing recorded).
   * If Redis is unavailable the recipient still gets the link (the hit is lost and logged).
   */
  private async record(
    req: IncomingMessage,
    code: string,
    messageId: string,
    linkId: number | null,
  ): Promise<HitRefused | null> {
    const ip = clientIp(req);
    const hit: TrackedHit = {
      messageId,
      linkId,
      type: linkId === null ? 'open' : 'click',
      at: Date.now(),
      userAgent: header(req, 'user-agent').slice(0, 512),
      ipHash: this.hits.ipHash(ip),
      method: req.method ?? 'GET',
      prefetch: [header(req, 'purpose'), header(req, 'sec-purpose'), header(req, 'x-moz'), header(req, 'x-purpose')]
        .filter(Boolean)
        .join(', ')
        .slice(0, 200),
    };
    try {
      if (!this.limits) {
        await this.hits.record(hit);
        return null;
      }
      return await this.hits.countAndRecord(this.limits, ip, code, hit);
    } catch (e) {
      this.log.warn(`tracking hit not recorded: ${(e as Error).message}`);
      return null;
    }
  }
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(NOT_FOUND_BODY),
  });
  res.end(NOT_FOUND_BODY);
}

function tooManyHits(res: ServerResponse, tooMany: HitRefused): void {
  const body = JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: tooMany.message });
  res.writeHead(429, {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'retry-after': String(tooMany.retryAfterSeconds),
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
