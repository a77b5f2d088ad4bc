import { AppConfig, readBool, readInt, readNumber, readString } from '@mini-crm/api/core';

/** The limits one window allows, per key, and each caller's token bucket. */
export interface RateLimitConfig {
  enabled: boolean;
  /** Redis key prefix of the counters (processes sharing it share the counts). */
  prefix: string;
  windowMs: number;
  perIp: number;
  /** Tokens per second a signed-in user's or API key's bucket refills. */
  principalRate: number;
  /** Tokens the bucket holds: the largest burst of calls (or cost) a caller can spend at once. */
  principalBurst: number;
  signIn: number;
  tokens: number;
  unsubscribe: number;
  trackingPerIp: number;
  trackingPerCode: number;
}

/** RATE_LIMIT_* (README, Configuration; docs/security/abuse-and-input.md). A bad value throws ConfigError. */
export function loadRateLimitConfig(config: Pick<AppConfig, 'env' | 'redisPrefix'>): RateLimitConfig {
  const env = config.env;
  const max = (name: string, fallback: number) => readInt(env, name, fallback, 1, 10_000_000);
  return {
    enabled: readBool(env, 'RATE_LIMIT_ENABLED', true),
    prefix: readString(env, 'RATE_LIMIT_PREFIX', `${config.redisPrefix}:rl:`) as string,
    windowMs: readInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400) * 1000,
    perIp: max('RATE_LIMIT_PER_IP', 1200),
    principalRate: readNumber(env, 'RATE_LIMIT_PRINCIPAL_RATE', 10, 0.001, 1_000_000),
    principalBurst: max('RATE_LIMIT_PRINCIPAL_BURST', 600),
    signIn: max('RATE_LIMIT_SIGN_IN', 10),
    tokens: max('RATE_LIMIT_TOKENS', 30),
    unsubscribe: max('RATE_LIMIT_UNSUBSCRIBE', 20),
    trackingPerIp: max('RATE_LIMIT_TRACKING_PER_IP', 3000),
    trackingPerCode: max('RATE_LIMIT_TRACKING_PER_CODE', 30),
  };
}
