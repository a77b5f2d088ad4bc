import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { can, maskContactsInText, maskEmail, maskPhone, type Role } from '@mini-crm/contracts';
import { JsonText } from './json-text';

const MASKERS: Record<string, (v: string) => string> = {
  email: maskEmail,
  phone: maskPhone,
  recipient: (v) => (v.includes('@') ? maskEmail(v) : maskPhone(v)),
  /** What was sent (message log): contact points in it masked, the recipient's unsubscribe and tracking tokens removed. */
  renderedText: maskContactsInText,
  /** What would be sent (campaign preview samples): the same. */
  text: maskContactsInText,
};

/**
 * Users without `customers.contact` (viewers) get every `email`, `phone` and `recipient` in a JSON answer
 * masked, and the contact points and recipient links inside message text (`renderedText`, `text`), on every
 * route (deny by default) except those marked @OwnAccount(). AuthGuard decides per request
 * (`masksContacts`) and marks the request; the answer is masked as Fastify serializes it
 * (`maskContactsOnSerialize`), after every handler and interceptor, error answers and idempotent replays
 * included. Server-sent events are written by Nest itself, so @Sse routes carry ContactMaskInterceptor
 * (RoutePolicyCheck refuses to start without it).
 */
export interface ContactMaskedRequest {
  maskContacts?: boolean;
}

/** Whether answers to a caller with `role` are masked on a route (`ownAccount`: marked @OwnAccount()). */
export function masksContacts(role: Role, ownAccount: boolean): boolean {
  return !ownAccount && !can(role, 'customers.contact');
}

/** Masks the answers of requests AuthGuard marked, as Fastify serializes them. */
export function maskContactsOnSerialize(fastify: {
  addHook(
    name: 'preSerialization',
    hook: (req: ContactMaskedRequest, reply: unknown, payload: unknown, done: (e: null, p: unknown) => void) => void,
  ): unknown;
}): void {
  fastify.addHook('preSerialization', (req, _reply, payload, done) =>
    done(null, req.maskContacts ? maskContacts(payload) : payload),
  );
}

/** The same masking for a server-sent event stream (@UseInterceptors on each @Sse route). */
@Injectable()
export class ContactMaskInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<ContactMaskedRequest>();
    return req?.maskContacts ? next.handle().pipe(map((event) => maskContacts(event))) : next.handle();
  }
}

/** A copy of `value` with contact fields masked; files, buffers and streams pass through untouched. */
export function maskContacts(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return key && MASKERS[key] ? MASKERS[key](value) : value;
  if (value instanceof JsonText) return maskContacts(JSON.parse(value.text));
  if (Array.isArray(value)) return value.map((v) => maskContacts(v));
  if (!value || typeof value !== 'object') return value;
  if (value instanceof StreamableFile || Buffer.isBuffer(value) || value instanceof Date) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && typeof (value as { pipe?: unknown }).pipe === 'function')
    return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskContacts(v, k);
  return out;
}
