import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

const storage = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the HTTP request being handled (null outside one, e.g. in a queue consumer). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/** Runs `fn` with `requestId` in scope (a queue consumer running a job that a request enqueued). */
export function runWithRequestId<T>(requestId: string | null | undefined, fn: () => T): T {
  return requestId ? storage.run({ requestId }, fn) : fn();
}

/** Fastify's genReqId: the caller's `x-request-id` when it is a sane token, else a new UUID. */
export function requestIdFor(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && /^[\w.:@-]{1,128}$/.test(given) ? given : randomUUID();
}

type Handler = (this: unknown, req: { id: string }, reply: unknown) => unknown;

/**
 * Runs every route handler registered from now on with its request id in scope, so audit rows and log
 * lines carry it without passing it down. A wrapper around the handler (Fastify's `onRoute`), not a Nest
 * interceptor: it starts after the body is read (the body's events would not carry the scope) and costs
 * no RxJS chain or AsyncResource per request.
 */
export function runRoutesInRequestContext(fastify: {
  addHook(name: 'onRoute', hook: (route: { handler: Handler }) => void): unknown;
}): void {
  fastify.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function (req, reply) {
      return storage.run({ requestId: req.id }, () => handler.call(this, req, reply));
    };
  });
}
