import type { ApiKeyDto } from '@mini-crm/contracts';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** Whether the key still works at `now`. */
export function apiKeyStatus(key: ApiKeyDto, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** The end of the chosen day (local time) as ISO 8601, or undefined for no expiry. */
export function expiryFromDate(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}
