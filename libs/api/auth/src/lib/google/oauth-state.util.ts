import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Stateless OAuth `state` for passport-oauth2 (no server session): a nonce with an expiry, HMAC-signed.
 * A callback without a fresh state we signed is refused.
 */
export function createStateStore(secret: string, ttlMs = 10 * 60_000) {
  const sign = (payload: string) => createHmac('sha256', secret).update(`oauth-state:${payload}`).digest('base64url');
  return {
    store(_req: unknown, _meta: unknown, cb: (err: Error | null, state?: string) => void) {
      const payload = `${randomBytes(12).toString('base64url')}.${Date.now() + ttlMs}`;
      cb(null, `${payload}.${sign(payload)}`);
    },
    verify(
      _req: unknown,
      state: string,
      _meta: unknown,
      cb: (err: Error | null, ok: boolean, info?: { message: string }) => void,
    ) {
      const parts = typeof state === 'string' ? state.split('.') : [];
      if (parts.length !== 3) return cb(null, false, { message: 'Invalid OAuth state' });
      const payload = `${parts[0]}.${parts[1]}`;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(parts[2]);
      const valid =
        expected.length === given.length && timingSafeEqual(expected, given) && Number(parts[1]) > Date.now();
      return valid ? cb(null, true) : cb(null, false, { message: 'Invalid or expired OAuth state' });
    },
  };
}
