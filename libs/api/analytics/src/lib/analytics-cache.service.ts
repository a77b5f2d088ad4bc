import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { REDIS } from '@mini-crm/api/core';
import { ANALYTICS_CONFIG, type AnalyticsConfig } from './analytics.config';

const VERSION_KEY = 'analytics:version';

/**
 * Analytics answers cached in Redis for ANALYTICS_CACHE_TTL_SECONDS under a version key: writes
 * that analytics makes (conversions, unsubscribes) bump the version, so their readers see them at
 * once; sends, receipts and tracked hits (the hot paths) do not, and show up within the TTL. Redis
 * trouble never fails a read: the answer is computed instead.
 */
@Injectable()
export class AnalyticsCache {
  private readonly log = new Logger('AnalyticsCache');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConfig,
  ) {}

  async get<T>(parts: readonly unknown[], compute: () => Promise<T>): Promise<T> {
    const ttl = this.config.cacheTtlSeconds;
    if (ttl <= 0) return compute();
    let key: string | null = null;
    try {
      const version = (await this.redis.get(VERSION_KEY)) ?? '0';
      key = `analytics:${version}:${createHash('sha1').update(JSON.stringify(parts)).digest('base64url')}`;
      const hit = await this.redis.get(key);
      if (hit !== null) return JSON.parse(hit) as T;
    } catch (e) {
      this.log.warn(`cache read failed: ${(e as Error).message}`);
    }
    const value = await compute();
    if (key) await this.redis.set(key, JSON.stringify(value), 'EX', ttl).catch(() => undefined);
    return value;
  }

  /** Makes every cached answer stale (after a write analytics owns). */
  async invalidate(): Promise<void> {
    await this.redis.incr(VERSION_KEY).catch((e: Error) => this.log.warn(`cache invalidation failed: ${e.message}`));
  }
}
