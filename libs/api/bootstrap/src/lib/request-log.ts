import { PinoLogger } from 'nestjs-pino';

/** Not logged: health probes (tracking hits never reach Fastify; they are counted in engagement_events). */
const UNLOGGED = /^\/api\/health(\/|\?|$)/;

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
export function logRequests(fastify: {
  addHook(
    name: 'onResponse',
    hook: (req: Answered, reply: { statusCode: number; elapsedTime: number; raw: unknown }, done: () => void) => void,
  ): unknown;
}): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    const log = PinoLogger.root;
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
