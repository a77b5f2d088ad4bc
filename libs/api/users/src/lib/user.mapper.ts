import type { UserDto } from '@mini-crm/contracts';
import type { users } from '@mini-crm/db';
import type { Role, UserStatus } from '@mini-crm/contracts';

export function toUserDto(row: typeof users.$inferSelect): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    avatar: row.avatar,
    role: row.role as Role,
    active: row.status === 'active',
    status: row.status as UserStatus,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
  };
}

/** What the auth guard needs of a signed-in user (`findSignedIn` answers only active and pending ones). */
export function toSessionUser(row: Pick<typeof users.$inferSelect, 'id' | 'email' | 'name' | 'role' | 'status'>) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    pending: row.status === 'pending',
  };
}
