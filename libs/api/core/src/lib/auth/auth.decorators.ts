import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@mini-crm/contracts';

export const IS_PUBLIC_KEY = 'crm:isPublic';
export const ROLES_KEY = 'crm:roles';
export const ALLOW_PENDING_KEY = 'crm:allowPending';

/** Marks a route as reachable without a token (health, OAuth callback, signed vendor webhooks). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Narrows a route to these roles. Every controller method carries this or @Public(). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A pending user (signed in, waiting for approval) may call this route too; every other route answers 403. */
export const AllowPending = () => SetMetadata(ALLOW_PENDING_KEY, true);

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest().user;
});
