import { createHash } from 'node:crypto';
import { AppConfig, ConfigError, readBool, readInt, readNumber, readString } from '@mini-crm/api/core';

export interface WebhooksConfig {
  /** AES-256-GCM key the endpoints' signing secrets are sealed with. */
  encryptionKey: Buffer;
  /** WEBHOOK_ALLOW_PRIVATE: endpoints may resolve to loopback/private/link-local addresses (tests, on-premise). */
  allowPrivate: boolean;
  /** One attempt's time limit (connect + answer). */
  timeoutMs: number;
  /** Delays (ms) between attempts: attempt n+1 waits retryDelaysMs[n-1]; its sum is how long an event is retried. */
  retryDelaysMs: number[];
  /** Consecutive failed attempts after which an endpoint is disabled. */
  disableAfterFailures: number;
  /** How long a rotated-out secret keeps signing alongside the new one. */
  rotationOverlapMs: number;
  /** Stream entries read per fan-out batch. */
  fanoutBatch: number;
  /** Parallel delivery attempts per process. */
  concurrency: number;
  /** WEBHOOK_LOG_RETENTION_DAYS: settled events (and their attempt log) older than this are deleted hourly. */
  logRetentionMs: number;
}

export const WEBHOOKS_CONFIG = Symbol('WEBHOOKS_CONFIG');

/** Standard Webhooks' schedule, about 24 h in all: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then 6.5 h. */
const DEFAULT_RETRY_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 23400];

/**
 * WEBHOOK_ENCRYPTION_KEY (≥ 32 characters; required in production), else derived from JWT_SECRET
 * like TRACKING_SECRET is — changing JWT_SECRET then makes stored secrets unreadable (rotate them).
 */
export function webhookEncryptionKey(config: Pick<AppConfig, 'env' | 'auth'>): Buffer {
  const own = readString(config.env, 'WEBHOOK_ENCRYPTION_KEY');
  if (own !== undefined && own.length < 32)
    throw new ConfigError('WEBHOOK_ENCRYPTION_KEY must be at least 32 characters');
  return createHash('sha256')
    .update(own ?? `webhooks:jwt:${config.auth.jwtSecret}`)
    .digest();
}

/** WEBHOOK_RETRY_SCHEDULE_SECONDS: comma-separated delays (decimals allowed, for tests). */
function retryDelays(env: AppConfig['env']): number[] {
  const raw = readString(env, 'WEBHOOK_RETRY_SCHEDULE_SECONDS');
  if (raw === undefined) return DEFAULT_RETRY_SECONDS.map((s) => s * 1000);
  const parts = raw.split(',').map((p) => p.trim());
  const seconds = parts.map(Number);
  if (
    parts.some((p) => p === '') ||
    seconds.some((s) => !Number.isFinite(s) || s < 0 || s > 7 * 86400) ||
    seconds.length > 30
  )
    throw new ConfigError(
      `WEBHOOK_RETRY_SCHEDULE_SECONDS must be up to 30 comma-separated delays in seconds (0 to 604800), got "${raw}"`,
    );
  return seconds.map((s) => Math.round(s * 1000));
}

/** Reads the webhook settings; a bad value throws ConfigError naming the variable. */
export function loadWebhooksConfig(config: Pick<AppConfig, 'env' | 'auth'>): WebhooksConfig {
  const env = config.env;
  return {
    encryptionKey: webhookEncryptionKey(config),
    allowPrivate: readBool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    timeoutMs: readInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    retryDelaysMs: retryDelays(env),
    disableAfterFailures: readInt(env, 'WEBHOOK_DISABLE_AFTER_FAILURES', 50, 1, 100_000),
    rotationOverlapMs: readNumber(env, 'WEBHOOK_ROTATION_OVERLAP_HOURS', 24, 0, 24 * 30) * 3_600_000,
    fanoutBatch: readInt(env, 'WEBHOOK_FANOUT_BATCH', 200, 1, 5000),
    concurrency: readInt(env, 'WEBHOOK_CONCURRENCY', 10, 1, 200),
    logRetentionMs: readNumber(env, 'WEBHOOK_LOG_RETENTION_DAYS', 30, 1, 3650) * 86_400_000,
  };
}
