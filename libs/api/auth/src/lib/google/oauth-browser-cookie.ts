import { createHmac, timingSafeEqual } from 'node:crypto';

/** The cookie that binds an OAuth `state` to the browser that started the flow. */
export const OAUTH_COOKIE = 'crm_oauth_state';

export interface BrowserCookieOptions {
  secret: string;
  /** Only the callback ever receives it. */
  path: string;
  secure: boolean;
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`oauth-browser:${payload}`).digest('base64url');
}

/** `Set-Cookie` carrying `nonce` until `expiresAt` (signed, HttpOnly, SameSite=Lax, Path = the callback). */
export function browserCookie(opts: BrowserCookieOptions, nonce: string, expiresAt: number, now: number): string {
  const payload = `${nonce}.${expiresAt}`;
  const maxAge = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  return cookieLine(opts, `${payload}.${mac(opts.secret, payload)}`, maxAge);
}

/** `Set-Cookie` that removes it (the state is single-use, so is the cookie). */
export function clearedBrowserCookie(opts: BrowserCookieOptions): string {
  return cookieLine(opts, '', 0);
}

/** The nonce of a cookie we signed that has not expired; null for anything else. */
export function readBrowserNonce(opts: BrowserCookieOptions, cookieHeader: unknown, now: number): string | null {
  if (typeof cookieHeader !== 'string') return null;
  const raw = cookieHeader
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${OAUTH_COOKIE}=`))
    ?.slice(OAUTH_COOKIE.length + 1);
  const parts = raw ? raw.split('.') : [];
  if (parts.length !== 3) return null;
  const [nonce, expiresAt, given] = parts;
  const expected = Buffer.from(mac(opts.secret, `${nonce}.${expiresAt}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return Number(expiresAt) > now ? nonce : null;
}

function cookieLine(opts: BrowserCookieOptions, value: string, maxAge: number): string {
  return [
    `${OAUTH_COOKIE}=${value}`,
    `Path=${opts.path}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}
