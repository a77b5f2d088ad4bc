import { errorBody, fieldLabel, findUnsafeInput } from '@mini-crm/api/core';

interface HookRequest {
  body?: unknown;
  query?: unknown;
  params?: unknown;
}
interface HookReply {
  code(c: number): { send(b: unknown): void };
}
interface HookHost {
  addHook(name: 'preValidation', fn: (req: HookRequest, reply: HookReply, done: () => void) => void): unknown;
}

/**
 * Every route, before Nest sees the request: a NUL character anywhere (PostgreSQL text refuses it)
 * or JSON nested deeper than MAX_INPUT_DEPTH (class-transformer would overflow the stack) is a 400
 * naming the field, never a 500.
 */
export function rejectUnsafeInput(fastify: HookHost): void {
  fastify.addHook('preValidation', (req, reply, done) => {
    const issue =
      findUnsafeInput(req.params, 'params') ?? findUnsafeInput(req.query, 'query') ?? findUnsafeInput(req.body, '');
    if (!issue) return done();
    const path = issue.path || 'body';
    const message = `${fieldLabel(path)} ${issue.message}`;
    reply.code(400).send(errorBody(400, message, [{ path, message }]));
  });
}
