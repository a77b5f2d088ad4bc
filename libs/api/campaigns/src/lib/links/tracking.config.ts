import { AppConfig, ConfigError, readString } from '@mini-crm/api/core';

/**
 * The secret tracking codes and IP hashes are keyed with: TRACKING_SECRET, or derived from
 * JWT_SECRET (itself generated into DATA_DIR in development, required in production).
 */
export function trackingSecret(config: Pick<AppConfig, 'env' | 'auth'>): string {
  const own = readString(config.env, 'TRACKING_SECRET');
  if (own !== undefined && own.length < 32) throw new ConfigError('TRACKING_SECRET must be at least 32 characters');
  return own ?? `jwt:${config.auth.jwtSecret}`;
}
