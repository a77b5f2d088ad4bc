import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type Redis from 'ioredis';
import { duplicateRedis, keyPrefixOf, REDIS } from '@mini-crm/api/core';
import { TRACKING_CONFIG, TrackingConfig } from './tracking.config';
import { HIT_STREAM, hitFields, TrackedHit } from './hit-stream';
import { COUNT_AND_APPEND, counterKeys, HitRefused, refusal, TrackingLimits } from './hit-limits';

type WithScript = Redis & {
  crmTrackHit(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<[number, number | string]>;
};

/**
 * Appends hits to the Redis stream; a hit is answered only once Redis has it (durable across an API restart).
 * Its own connection with auto-pipelining (the commands of concurrent hits go to Redis in one write) and
 * no key prefix: with limits on, the counters (under the rate limits' prefix) and the stream (under the
 * app's) are named in full in one script, so a hit costs one round trip.
 */
@Injectable()
export class HitRecorderService implements OnApplicationShutdown {
  private readonly redis: WithScript;
  private readonly stream: string;

  constructor(
    @Inject(REDIS) shared: Redis,
    @Inject(TRACKING_CONFIG) private readonly config: TrackingConfig,
  ) {
    this.stream = keyPrefixOf(shared) + HIT_STREAM;
    const redis = duplicateRedis(shared, { enableAutoPipelining: true, keyPrefix: '' });
    redis.on('error', () => undefined); // the shared client logs connection trouble
    redis.defineCommand('crmTrackHit', { lua: COUNT_AND_APPEND });
    this.redis = redis as WithScript;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  ipHash(ip: string | undefined): string {
    if (!ip) return '';
    return createHmac('sha256', this.config.ipKey).update(ip).digest().subarray(0, 16).toString('base64url');
  }

  /** Appends the hit (no limits). */
  async record(hit: TrackedHit): Promise<string> {
    return (await this.redis.xadd(this.stream, '*', ...hitFields(hit))) as string;
  }

  /**
   * Counts the request against `limits` and, when it is within them and `hit` is given, appends it:
   * null when allowed, else the refusal (nothing appended).
   */
  async countAndRecord(
    limits: TrackingLimits,
    ip: string | undefined,
    code: string | null,
    hit: TrackedHit | null,
  ): Promise<HitRefused | null> {
    const keys = counterKeys(limits, ip, code);
    if (hit) keys.push(this.stream);
    const args = [limits.windowMs, limits.perIp, limits.perCode, ...(hit ? hitFields(hit) : [])];
    const [which, left] = await this.redis.crmTrackHit(keys.length, ...keys, ...args);
    return which === 0 ? null : refusal(limits, which as 1 | 2, Number(left));
  }
}
