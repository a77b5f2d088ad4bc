import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Permission, Role } from '@mini-crm/contracts';

export const IS_PUBLIC_KEY = 'crm:isPublic';
export const ALLOW_PENDING_KEY = 'crm:allowPending';
export const PERMISSION_KEY = 'crm:permission';
export const OWN_ACCOUNT_KEY = 'crm:ownAccount';
export const PEOPLE_ONLY_KEY = 'crm:peopleOnly';

/** Marks a route as reachable without a token (health, OAuth callback, signed vendor webhooks). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension('x-permission', 'public'));

/**
 * The action (a row of the permission table in @mini-crm/contracts) a route needs. Every controller method
 * carries this or @Public(); the app refuses to start otherwise. Published as `x-permission` in OpenAPI.
 */
export const Can = (action: Permission) =>
  applyDecorators(SetMetadata(PERMISSION_KEY, action), ApiExtension('x-permission', action));

/** The response shows the signed-in user's own account: contact masking does not apply. */
export const OwnAccount = () => SetMetadata(OWN_ACCOUNT_KEY, true);

/** A pending user (signed in, waiting for approval) may call this route too; every other route answers 403. */
export const AllowPending = () =>
  applyDecorators(SetMetadata(ALLOW_PENDING_KEY, true), ApiExtension('x-allow-pending', true));

/**
 * Only a signed-in person may call this route: an API key gets 403 (its own account, stream tickets).
 * Published as `x-people-only`; the OpenAPI document then lists only the bearer JWT scheme for it.
 */
export const PeopleOnly = () =>
  applyDecorators(SetMetadata(PEOPLE_ONLY_KEY, true), ApiExtension('x-people-only', true));

/** Who makes the request: a signed-in person, or an API key (then `apiKeyId` is set). */
export interface AuthUser {
  /** The user's id; for an API key, the key's id (never a user's). */
  id: string;
  /** The user's email; for an API key, its label `api-key:<name> (<prefix>)`, so audit rows name the key. */
  email: string;
  /** The user's name; for an API key, the key's name. */
  name: string;
  role: Role;
  /** Set only when an API key made the request: its id (rate limits, idempotency, audit tell keys from people by it). */
  apiKeyId?: string;
  /** Set only for an API key: how to show the caller, `api-key:<name> (<prefix>)`. */
  apiKeyLabel?: string;
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest().user;
});
