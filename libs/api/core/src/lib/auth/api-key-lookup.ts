import type { AuthUser } from './auth.decorators';

/** The header a machine may send its API key in (or `Authorization: Bearer <key>`). */
export const API_KEY_HEADER = 'x-api-key';

/** Every API key starts with this; a bearer credential with it is a key, anything else a JWT. */
export const API_KEY_PREFIX = 'mcrm_';

/** Resolves an API key on every request it is sent with, so that revocation and expiry bite at once. */
export interface ApiKeyLookup {
  /** The caller the key speaks for; null when it is malformed, unknown, revoked or expired. */
  authenticate(key: string): Promise<AuthUser | null>;
}
export const API_KEY_LOOKUP = Symbol('API_KEY_LOOKUP');
