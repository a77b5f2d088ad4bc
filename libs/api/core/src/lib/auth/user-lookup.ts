import type { Role } from '@mini-crm/contracts';

/** The user behind a token, as the guard sees it on every request (so deactivation and approval bite at once). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** A pending user is signed in but only reaches routes marked @AllowPending(). */
  pending: boolean;
}

/** Current role and standing of a user: null when unknown, rejected or deactivated. */
export interface UserLookup {
  findSessionUser(id: string): Promise<SessionUser | null>;
}
export const USER_LOOKUP = Symbol('USER_LOOKUP');
