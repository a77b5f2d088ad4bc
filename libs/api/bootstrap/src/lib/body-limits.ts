import { AppConfig, errorBody, readInt } from '@mini-crm/api/core';

export interface BodyLimits {
  /** Largest request body (JSON, form) in bytes: BODY_LIMIT_KB. */
  bodyBytes: number;
  /** Largest uploaded file (CSV imports) in bytes: UPLOAD_LIMIT_MB. */
  uploadBytes: number;
  /** The vendor's signed webhooks carry up to 20,000 receipts a batch: never below 10 MB. */
  webhookBytes: number;
}

/** Room for the text fields of a multipart upload (mapping, policy …) besides the file. */
export const MULTIPART_FIELDS_BYTES = 1024 * 1024;

export const WEBHOOK_ROUTES = ['/api/delivery/receipts', '/api/delivery/inbound', '/api/delivery/email-events'];

/** BODY_LIMIT_KB, UPLOAD_LIMIT_MB (README, Configuration). A bad value throws ConfigError. */
export function loadBodyLimits(config: Pick<AppConfig, 'env'>): BodyLimits {
  const bodyBytes = readInt(config.env, 'BODY_LIMIT_KB', 1024, 1, 1024 * 1024) * 1024;
  return {
    bodyBytes,
    uploadBytes: readInt(config.env, 'UPLOAD_LIMIT_MB', 1024, 1, 100 * 1024) * 1024 * 1024,
    webhookBytes: Math.max(bodyBytes, 10 * 1024 * 1024),
  };
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

interface LimitRequest {
  headers: Record<string, string | string[] | undefined>;
  routeOptions: { bodyLimit?: number };
}
interface LimitReply {
  code(c: number): LimitReply;
  header(k: string, v: string): LimitReply;
  send(b: unknown): LimitReply;
}
interface LimitHost {
  addHook(name: 'onRoute', fn: (route: { url: string; bodyLimit?: number }) => void): unknown;
  addHook(name: 'onRequest', fn: (req: LimitRequest, reply: LimitReply, done: () => void) => void): unknown;
}

/**
 * A body over its limit is refused with 413 before a byte of it is read, when its length is
 * declared; a chunked one is cut by Fastify's (JSON) or the multipart parser's (files) own limit,
 * which answer 413 in the error shape too. The connection is closed, so a client still sending
 * learns at once instead of waiting.
 */
export function enforceBodyLimits(fastify: unknown, limits: BodyLimits): void {
  const host = fastify as LimitHost;
  host.addHook('onRoute', (route) => {
    if (WEBHOOK_ROUTES.includes(route.url)) route.bodyLimit = limits.webhookBytes;
  });
  host.addHook('onRequest', (req, reply, done) => {
    const declared = Number(req.headers['content-length']);
    if (!Number.isFinite(declared) || declared <= 0) return done();
    const type = String(req.headers['content-type'] ?? '');
    const multipart = /^multipart\//i.test(type);
    const limit = multipart
      ? limits.uploadBytes + MULTIPART_FIELDS_BYTES
      : (req.routeOptions.bodyLimit ?? limits.bodyBytes);
    if (declared <= limit) return done();
    const message = multipart
      ? `The upload is too large (${size(declared)}): files up to ${size(limits.uploadBytes)} are accepted`
      : `The request body is too large (${size(declared)}): at most ${size(limit)} is accepted`;
    reply.code(413).header('connection', 'close').send(errorBody(413, message));
  });
}
