import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Permission, Role } from '@mini-crm/contracts';

export const IS_PUBLIC_KEY = 'crm:isPublic';
export const ALLOW_PENDING_KEY = 'crm:allowPending';
export const PERMISSION_KEY = 'crm:permission';
export const OWN_ACCOUNT_KEY = 'crm:ownAccount';

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

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set when the request authenticated with an API key rather than a session token. */
  apiKeyId?: string;
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest().user;
});
