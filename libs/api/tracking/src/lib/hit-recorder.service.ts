import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type Redis from 'ioredis';
import { duplicateRedis, keyPrefixOf, REDIS } from '@mini-crm/api/core';
import { TRACKING_CONFIG, TrackingConfig } from './tracking.config';
import { HIT_STREAM, hitFields, TrackedHit } from './hit-stream';
import { codeCounterKey, COUNT_AND_APPEND, HitRefused, ipCounterKey, refusal, TrackingLimits } from './hit-limits';
import { HitBatch, HitReply } from './hit-batch';

/** Requests per script call at most: Redis runs nothing else while the script runs. */
const MAX_BATCH = 128;

type WithScript = Redis & {
  crmTrackHit(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<(number | string)[]>;
};

/**
 * Appends hits to the Redis stream; a hit is answered only once Redis has it (durable across an API restart).
 * Its own connection with auto-pipelining (the commands of concurrent hits go to Redis in one write) and
 * no key prefix: with limits on, the counters (under the rate limits' prefix) and the stream (under the
 * app's) are named in full in one script, so a hit costs one round trip; the hits of one event-loop
 * turn share that script call (HitBatch), each answered when the call has counted and appended it.
 */
@Injectable()
export class HitRecorderService implements OnApplicationShutdown {
  private readonly redis: WithScript;
  private readonly stream: string;
  private batch: HitBatch | null = null;

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
    this.send(); // queued before QUIT: the pending hits are still counted and appended
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
    const [which, left] = await new Promise<HitReply>((resolve, reject) => {
      const batch = this.pending(limits);
      batch.add(ipCounterKey(limits, ip), codeCounterKey(limits, code), hit ? hitFields(hit) : null, {
        resolve,
        reject,
      });
      if (batch.size >= MAX_BATCH) this.send();
    });
    return which === 0 ? null : refusal(limits, which as 1 | 2, Number(left));
  }

  /** The batch of this event-loop turn, sent once the turn's I/O callbacks have run (as auto-pipelining does). */
  private pending(limits: TrackingLimits): HitBatch {
    if (this.batch?.limits === limits) return this.batch;
    this.send();
    const batch = new HitBatch(limits, this.stream);
    this.batch = batch;
    setImmediate(() => {
      if (this.batch === batch) this.send();
    });
    return batch;
  }

  /** Sends the pending batch, if any: its requests settle when Redis answers. */
  private send(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    this.redis.crmTrackHit(batch.keys.length, ...batch.keys, ...batch.args()).then(
      (reply) => batch.settle(reply),
      (e: Error) => batch.fail(e),
    );
  }
}
