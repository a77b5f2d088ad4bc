/** Roles, from most to least privileged. DESIGN §1: deny by default, `@Roles()` narrows. */
export const ROLES = ['admin', 'marketer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles allowed to change customers, segments, campaigns and use AI. */
export const WRITER_ROLES: readonly Role[] = ['admin', 'marketer'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * A user's standing. `pending`: signed in but waits for an admin (no data route answers);
 * `rejected` and `deactivated` cannot sign in.
 */
export const USER_STATUSES = ['active', 'pending', 'rejected', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The error `details.code` a pending user gets from every data route (403). */
export const PENDING_APPROVAL_CODE = 'pending_approval';
