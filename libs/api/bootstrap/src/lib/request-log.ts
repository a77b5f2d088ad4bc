import { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { currentRequestId } from '@mini-crm/api/core';

/** Not logged: health probes (tracking hits never reach Fastify; they are counted in engagement_events). */
const UNLOGGED = /^\/api\/health(\/|\?|$)/;

/**
 * The app logger's options (nestjs-pino builds it with pino-http, which wraps these serializers): secrets
 * in headers redacted, and of a request only its id, method and URL with credentials cut out of the query.
 */
export function appLoggerOptions(level: string) {
  return {
    level,
    // A job's lines carry the id of the request that enqueued it (Queues passes it along).
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.query.access_token',
        'req.query.ticket',
        'res.headers["set-cookie"]',
        'req.headers["x-vendor-signature"]',
        'req.headers["x-goog-api-key"]',
        'req.headers["x-api-key"]',
      ],
      censor: '[redacted]',
    },
    serializers: {
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.replace(/([?&](access_token|code|token|ticket|state)=)[^&]+/g, '$1[redacted]'),
      }),
    },
  };
}

interface Answered {
  id: string;
  method: string;
  url: string;
}

/**
 * One line per answered request ("request completed", or "request errored" for a 5xx) from Fastify's
 * onResponse hook, through the app's root logger (nestjs-pino's: the same level, redaction and
 * serializers as before). A hook instead of pino-http as Nest middleware: no middleware chain and no
 * child logger per request, and nothing at all above level info. Lines logged while a request is
 * handled carry its id through the logger's mixin (request-context.ts).
 */
export function logRequests(
  fastify: {
    addHook(
      name: 'onResponse',
      hook: (req: Answered, reply: { statusCode: number; elapsedTime: number; raw: unknown }, done: () => void) => void,
    ): unknown;
  },
  logger: () => Logger | undefined = () => PinoLogger.root,
): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    const log = logger();
    if (log?.isLevelEnabled('info') && !UNLOGGED.test(req.url)) {
      const line = {
        req: { id: req.id, method: req.method, url: req.url },
        res: reply.raw,
        responseTime: Math.round(reply.elapsedTime),
      };
      if (reply.statusCode >= 500)
        log.info({ ...line, err: new Error(`failed with status code ${reply.statusCode}`) }, 'request errored');
      else log.info(line, 'request completed');
    }
    done();
  });
}
