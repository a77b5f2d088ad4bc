import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import { can, maskContactsInText, maskEmail, maskPhone } from '@mini-crm/contracts';
import { OWN_ACCOUNT_KEY, type AuthUser } from '../auth/auth.decorators';
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
 * Users without `customers.contact` (viewers) get every `email`, `phone` and `recipient` in a JSON response
 * masked, and the contact points and recipient links inside message text (`renderedText`, `text`), on every route (deny by default)
 * except those marked @OwnAccount().
 */
@Injectable()
export class ContactMaskInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>()?.user;
    if (!user || can(user.role, 'customers.contact')) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(OWN_ACCOUNT_KEY, [ctx.getHandler(), ctx.getClass()]))
      return next.handle();
    return next.handle().pipe(map((body) => maskContacts(body)));
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
