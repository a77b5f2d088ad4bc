import { createHmac } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js/min';
import { normalizeEmail, normalizePhone } from '@mini-crm/customer-data';
import { AppConfig, ConfigError, readString } from '@mini-crm/api/core';

/** Dev and test key: hashes stay stable across restarts; production must set SUPPRESSION_SECRET. */
export const DEV_SUPPRESSION_SECRET = 'dev-suppression-secret-not-for-production';

/** SUPPRESSION_SECRET (≥ 32 characters), required when NODE_ENV=production. */
export function suppressionSecret(config: Pick<AppConfig, 'env' | 'nodeEnv'>): string {
  const secret = readString(config.env, 'SUPPRESSION_SECRET');
  if (!secret) {
    if (config.nodeEnv === 'production')
      throw new ConfigError('SUPPRESSION_SECRET is required when NODE_ENV=production');
    return DEV_SUPPRESSION_SECRET;
  }
  if (secret.length < 32) throw new ConfigError('SUPPRESSION_SECRET must be at least 32 characters');
  return secret;
}

/** HMAC-SHA256 (hex) of an already normalized contact point (lower-case email, E.164 phone). */
export function contactHash(key: string, normalized: string): string {
  return createHmac('sha256', key).update(normalized).digest('hex');
}

/** A contact point as typed by a person, normalized like stored customers' (null when it is not one). */
export function normalizeContact(channel: 'email' | 'sms', value: string, defaultCountry: string): string | null {
  const r = channel === 'email' ? normalizeEmail(value) : normalizePhone(value, defaultCountry as CountryCode);
  return r.ok ? r.value : null;
}
