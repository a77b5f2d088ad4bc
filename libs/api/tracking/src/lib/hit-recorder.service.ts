import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type Redis from 'ioredis';
import { REDIS } from '@mini-crm/api/core';
import { TRACKING_CONFIG, TrackingConfig } from './tracking.config';
import { HIT_STREAM, hitFields, TrackedHit } from './hit-stream';

/** Appends hits to the Redis stream; a hit is answered only once Redis has it (durable across an API restart). */
@Injectable()
export class HitRecorderService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TRACKING_CONFIG) private readonly config: TrackingConfig,
  ) {}

  ipHash(ip: string | undefined): string {
    if (!ip) return '';
    return createHmac('sha256', this.config.ipKey).update(ip).digest().subarray(0, 16).toString('base64url');
  }

  async record(hit: TrackedHit): Promise<string> {
    return (await this.redis.xadd(HIT_STREAM, '*', ...hitFields(hit))) as string;
  }
}
