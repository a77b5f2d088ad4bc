import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@mini-crm/api/core';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { failureWindowKey } from './delivery-keys';

export interface WindowVerdict {
  attempts: number;
  failures: number;
  share: number;
  tripped: boolean;
}

/**
 * The last N send outcomes of a campaign (shared by all workers through Redis). Trips when the
 * failure share passes the threshold, judged only once at least `failureMinAttempts` are in.
 */
@Injectable()
export class FailureWindowService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  async record(campaignId: string, outcomes: boolean[]): Promise<WindowVerdict> {
    if (!outcomes.length) return { attempts: 0, failures: 0, share: 0, tripped: false };
    const key = failureWindowKey(campaignId);
    const size = this.config.failureWindow;
    const tail = outcomes.slice(-size).map((failed) => (failed ? '1' : '0'));
    const res = await this.redis
      .multi()
      .lpush(key, ...tail)
      .ltrim(key, 0, size - 1)
      .pexpire(key, 24 * 3600_000)
      .lrange(key, 0, size - 1)
      .exec();
    const window = (res?.[3]?.[1] as string[] | undefined) ?? [];
    const failures = window.reduce((n, v) => n + (v === '1' ? 1 : 0), 0);
    const attempts = window.length;
    const share = attempts ? failures / attempts : 0;
    return {
      attempts,
      failures,
      share,
      tripped: attempts >= this.config.failureMinAttempts && share > this.config.failureThreshold,
    };
  }
}
