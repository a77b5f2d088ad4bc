import { observeHttpRequest } from './process-metrics';

interface TimedRequest {
  method: string;
  routeOptions?: { url?: string };
}

/**
 * Fastify onResponse hook (runs after the answer has gone): request duration by route template
 * (`/api/customers/:id`, never the raw URL, so label sets stay few) and status.
 */
export function recordHttpMetrics(fastify: {
  addHook(
    name: 'onResponse',
    hook: (req: TimedRequest, reply: { statusCode: number; elapsedTime: number }, done: () => void) => void,
  ): unknown;
}): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    observeHttpRequest(req.method, req.routeOptions?.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
