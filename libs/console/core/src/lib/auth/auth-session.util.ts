import type { AuthTokensDto, UserDto } from '@mini-crm/contracts';

export const AUTH_STORAGE_KEY = 'mini-crm.console.auth';

export interface AuthSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops being valid. */
  expiresAt: number;
  user: UserDto;
}

export function sessionFromTokens(tokens: AuthTokensDto, now = Date.now()): AuthSession {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: now + tokens.expiresIn * 1000,
    user: tokens.user,
  };
}

/** True when the access token is expired or about to be (within `skewMs`). */
export function isSessionExpired(session: AuthSession, now = Date.now(), skewMs = 30_000): boolean {
  return session.expiresAt - skewMs <= now;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function readSession(): AuthSession | null {
  const raw = storage()?.getItem(AUTH_STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<AuthSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string' || !parsed.user) return null;
    return {
      accessToken: parsed.accessToken,
      refreshToken: parsed.refreshToken,
      expiresAt: Number(parsed.expiresAt) || 0,
      user: parsed.user,
    };
  } catch {
    return null;
  }
}

export function writeSession(session: AuthSession | null): void {
  const store = storage();
  if (!store) return;
  if (session) store.setItem(AUTH_STORAGE_KEY, JSON.stringify(session));
  else store.removeItem(AUTH_STORAGE_KEY);
}
