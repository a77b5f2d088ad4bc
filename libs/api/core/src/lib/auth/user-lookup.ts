import type { Role } from '@mini-crm/contracts';

/** Current role and active flag of a user; the guard asks on every request so deactivation bites at once. */
export interface UserLookup {
  findActiveUser(id: string): Promise<{ id: string; email: string; name: string; role: Role } | null>;
}
export const USER_LOOKUP = Symbol('USER_LOOKUP');
