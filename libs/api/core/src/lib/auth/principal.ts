import type { AuthUser } from './auth.decorators';

/** Who a request speaks for, for per-caller budgets and records: an API key, or a signed-in user. */
export function principalOf(user: Pick<AuthUser, 'id' | 'apiKeyId'>): string {
  return user.apiKeyId ? `key:${user.apiKeyId}` : `user:${user.id}`;
}
