import { AppConfig, ConfigError, readInt, readNumber, readString, readUrl } from '@mini-crm/api/core';
import { VENDOR_MAX_BATCH_SIZE } from '@mini-crm/vendor-protocol';
import type { ChannelsConfig } from './channels.config';

export interface DeliveryConfig {
  /** Vendor base URL; launching answers 503 without one. */
  vendorUrl?: string;
  /** HMAC key of vendor webhooks (receipts, inbound SMS). */
  webhookSecret: string;
  /** Signed webhooks whose timestamp is further than this from our clock are refused (replay window). */
  webhookToleranceMs: number;
  vendorTimeoutMs: number;
  /** Messages per send job and per vendor batch request. */
  batchSize: number;
  /** Concurrent send jobs per worker process and channel. */
  concurrency: number;
  /** Messages per second per channel (BullMQ limiter over jobs of batchSize). */
  rateLimit: { sms: number; email: number };
  failureThreshold: number;
  failureWindow: number;
  failureMinAttempts: number;
  /** Attempts of a send job on retryable vendor errors (5xx, timeouts), with exponential backoff. */
  maxAttempts: number;
  backoffMs: number;
  /** How often workers look for running campaigns whose jobs were lost, and overdue schedules. */
  reconcileMs: number;
  /** A running campaign with no send job progress for this long is re-dispatched. */
  stallMs: number;
}

export const DELIVERY_CONFIG = Symbol('DELIVERY_CONFIG');

/** Reads delivery settings from the environment; a bad value throws ConfigError naming the variable. */
export function loadDeliveryConfig(config: Pick<AppConfig, 'env' | 'nodeEnv'>): DeliveryConfig {
  const env = config.env;
  let webhookSecret = readString(env, 'VENDOR_WEBHOOK_SECRET');
  if (!webhookSecret) {
    if (config.nodeEnv === 'production')
      throw new ConfigError('VENDOR_WEBHOOK_SECRET is required when NODE_ENV=production');
    webhookSecret = 'dev-vendor-secret';
  }
  const batchSize = readInt(env, 'DELIVERY_BATCH_SIZE', 500, 1, VENDOR_MAX_BATCH_SIZE);
  const reconcileMs = readInt(env, 'DELIVERY_RECONCILE_MS', 5000, 100, 600_000);
  return {
    vendorUrl: readUrl(env, 'VENDOR_URL')?.replace(/\/+$/, ''),
    webhookSecret,
    webhookToleranceMs: readInt(env, 'VENDOR_WEBHOOK_TOLERANCE_SECONDS', 300, 5, 3600) * 1000,
    vendorTimeoutMs: readInt(env, 'VENDOR_TIMEOUT_MS', 10_000, 100, 120_000),
    batchSize,
    concurrency: readInt(env, 'DELIVERY_CONCURRENCY', 4, 1, 256),
    rateLimit: {
      sms: readInt(env, 'DELIVERY_RATE_LIMIT_SMS', 100_000, 1, 10_000_000),
      email: readInt(env, 'DELIVERY_RATE_LIMIT_EMAIL', 100_000, 1, 10_000_000),
    },
    failureThreshold: readNumber(env, 'DELIVERY_FAILURE_THRESHOLD', 0.2, 0, 1),
    failureWindow: readInt(env, 'DELIVERY_FAILURE_WINDOW', 500, 1, 100_000),
    failureMinAttempts: readInt(env, 'DELIVERY_FAILURE_MIN_ATTEMPTS', 100, 1, 100_000),
    maxAttempts: readInt(env, 'DELIVERY_MAX_ATTEMPTS', 8, 1, 100),
    backoffMs: readInt(env, 'DELIVERY_BACKOFF_MS', 500, 10, 600_000),
    reconcileMs,
    stallMs: readInt(env, 'DELIVERY_STALL_MS', Math.max(30_000, reconcileMs * 3), 1000, 3_600_000),
  };
}

/** A provider's own per-second limit (SMTP_RATE_LIMIT, TWILIO_RATE_LIMIT) lowers its channel's send rate. */
export function withProviderRateLimits(delivery: DeliveryConfig, channels: ChannelsConfig): DeliveryConfig {
  const lower = (current: number, limit: number) => (limit > 0 ? Math.min(current, limit) : current);
  return {
    ...delivery,
    rateLimit: {
      email:
        channels.email === 'smtp' ? lower(delivery.rateLimit.email, channels.smtp.rateLimit) : delivery.rateLimit.email,
      sms:
        channels.sms === 'twilio' ? lower(delivery.rateLimit.sms, channels.twilio.rateLimit) : delivery.rateLimit.sms,
    },
  };
}
