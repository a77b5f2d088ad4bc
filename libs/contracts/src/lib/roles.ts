/** Roles, from most to least privileged. DESIGN §1: deny by default, `@Roles()` narrows. */
export const ROLES = ['admin', 'marketer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles allowed to change customers, segments, campaigns and use AI. */
export const WRITER_ROLES: readonly Role[] = ['admin', 'marketer'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
