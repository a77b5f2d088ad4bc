import type { AuthTokensDto } from '@mini-crm/contracts';
import { AUTH_STORAGE_KEY, isSessionExpired, readSession, sessionFromTokens, writeSession } from './auth-session.util';

/** Node has no Web Storage; a Map-backed one stands in for the browser's. */
class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  setItem(key: string, value: string) {
    this.data.set(key, String(value));
  }
}

const tokens: AuthTokensDto = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1-aaaaaaaaaaaaaaaaaaaa',
  expiresIn: 900,
  user: {
    id: 'u1',
    email: 'ada@example.com',
    name: 'Ada',
    role: 'admin',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
};

describe('auth session storage', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: Storage }).localStorage = new MemoryStorage();
  });
  afterAll(() => {
    delete (globalThis as { localStorage?: Storage }).localStorage;
  });

  it('computes the expiry from expiresIn', () => {
    const session = sessionFromTokens(tokens, 1_000_000);
    expect(session.expiresAt).toBe(1_000_000 + 900_000);
    expect(session.user.email).toBe('ada@example.com');
  });

  it('treats a token as expired shortly before its expiry', () => {
    const session = sessionFromTokens(tokens, 0);
    expect(isSessionExpired(session, 800_000)).toBe(false);
    expect(isSessionExpired(session, 880_000)).toBe(true); // inside the 30 s skew
    expect(isSessionExpired(session, 900_001)).toBe(true);
  });

  it('round-trips through localStorage under the namespaced key and clears', () => {
    const session = sessionFromTokens(tokens, 5);
    writeSession(session);
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toContain('refresh-1');
    expect(readSession()).toEqual(session);
    writeSession(null);
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
    expect(readSession()).toBeNull();
  });

  it('ignores corrupt or incomplete stored values', () => {
    localStorage.setItem(AUTH_STORAGE_KEY, '{not json');
    expect(readSession()).toBeNull();
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ accessToken: 'a' }));
    expect(readSession()).toBeNull();
  });

  it('reads nothing when storage is unavailable', () => {
    delete (globalThis as { localStorage?: Storage }).localStorage;
    expect(readSession()).toBeNull();
    expect(() => writeSession(sessionFromTokens(tokens))).not.toThrow();
  });
});
