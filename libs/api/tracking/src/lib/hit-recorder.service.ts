import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type Redis from 'ioredis';
import { duplicateRedis, REDIS } from '@mini-crm/api/core';
import { TRACKING_CONFIG, TrackingConfig } from './tracking.config';
import { HIT_STREAM, hitFields, TrackedHit } from './hit-stream';

/**
 * Appends hits to the Redis stream; a hit is answered only once Redis has it (durable across an API restart).
 * Its own connection with auto-pipelining: the XADDs of concurrent hits go to Redis in one write.
 */
@Injectable()
export class HitRecorderService implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    @Inject(REDIS) shared: Redis,
    @Inject(TRACKING_CONFIG) private readonly config: TrackingConfig,
  ) {
    this.redis = duplicateRedis(shared, { enableAutoPipelining: true });
    this.redis.on('error', () => undefined); // the shared client logs connection trouble
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  ipHash(ip: string | undefined): string {
    if (!ip) return '';
    return createHmac('sha256', this.config.ipKey).update(ip).digest().subarray(0, 16).toString('base64url');
  }

  async record(hit: TrackedHit): Promise<string> {
    return (await this.redis.xadd(HIT_STREAM, '*', ...hitFields(hit))) as string;
  }
}
