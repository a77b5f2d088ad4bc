import type { RateLimitConfig } from './rate-limit.config';

/** A limit of its own, counted per client IP, on top of the general ones. */
export type StrictTier = 'signIn' | 'tokens' | 'unsubscribe';

/**
 * Routes with a stricter limit (`METHOD /route/pattern`, as Fastify names the route). Sign-in and
 * token routes are where passwords-equivalents are guessed; unsubscribe is public and writes.
 */
export const STRICT_ROUTES: Readonly<Record<string, StrictTier>> = {
  'POST /api/auth/dev-login': 'signIn',
  'GET /api/auth/google': 'signIn',
  'GET /api/auth/google/callback': 'signIn',
  'POST /api/auth/google': 'signIn',
  'POST /api/auth/exchange': 'tokens',
  'POST /api/auth/refresh': 'tokens',
  'POST /api/auth/logout': 'tokens',
  'GET /api/unsubscribe/:token': 'unsubscribe',
  'POST /api/unsubscribe/:token': 'unsubscribe',
};

/**
 * Routes outside the general limits: health probes (load balancers poll them), and the vendor's
 * signed webhooks (and Twilio's), which arrive in bursts from a few addresses and are authenticated by HMAC.
 */
export const UNLIMITED_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/health',
  'HEAD /api/health',
  'POST /api/delivery/receipts',
  'POST /api/delivery/inbound',
  'POST /api/delivery/twilio/status',
  'POST /api/delivery/twilio/inbound',
  'POST /api/delivery/email-events',
]);

export const TIER_WORDS: Record<StrictTier | 'ip', string> = {
  ip: 'requests from this address',
  signIn: 'sign-in attempts from this address',
  tokens: 'token requests from this address',
  unsubscribe: 'unsubscribe requests from this address',
};

export function strictMax(config: RateLimitConfig, tier: StrictTier): number {
  return config[tier];
}
