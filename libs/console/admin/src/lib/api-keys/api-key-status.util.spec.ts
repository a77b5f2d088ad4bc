import type { ApiKeyDto } from '@mini-crm/contracts';
import { apiKeyStatus, expiryFromDate } from './api-key-status.util';

describe('API key status and expiry', () => {
  const key: ApiKeyDto = {
    id: 'k',
    name: 'Sync',
    role: 'viewer',
    prefix: 'abcd1234',
    createdBy: 'admin@example.com',
    createdAt: '2026-01-01T00:00:00Z',
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
  };
  const now = new Date('2026-06-01T12:00:00Z');

  it('is active, expired once its expiry has passed, revoked whatever its expiry', () => {
    expect(apiKeyStatus(key, now)).toBe('active');
    expect(apiKeyStatus({ ...key, expiresAt: '2026-06-02T00:00:00Z' }, now)).toBe('active');
    expect(apiKeyStatus({ ...key, expiresAt: '2026-06-01T12:00:00Z' }, now)).toBe('expired');
    expect(apiKeyStatus({ ...key, expiresAt: '2027-01-01T00:00:00Z', revokedAt: '2026-05-01T00:00:00Z' }, now)).toBe(
      'revoked',
    );
  });

  it('an expiry date means the end of that local day; no date, no expiry', () => {
    const iso = expiryFromDate('2026-07-15');
    const end = new Date(iso ?? '');
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([
      2026, 6, 15, 23, 59,
    ]);
    expect(expiryFromDate('')).toBeUndefined();
    expect(expiryFromDate('15/07/2026')).toBeUndefined();
  });
});
