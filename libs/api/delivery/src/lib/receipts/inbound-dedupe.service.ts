import { createHash } from 'node:crypto';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@mini-crm/api/core';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { inboundSeenKey } from '../queue/delivery-keys';

/** How long a handled inbound id is remembered at least (much longer than any replay window). */
const MIN_MEMORY_SECONDS = 24 * 3600;

/**
 * Inbound SMS ids handled before, in Redis (shared by every API process): `SET NX EX` claims an id
 * atomically, so a replay of a signed STOP/START — even a concurrent one — changes nothing. The
 * signature timestamp bounds a replay to ±tolerance around the original, so remembering an id for
 * max(24 h, 2 × tolerance + 60 s) covers every replay the signature check lets through.
 */
@Injectable()
export class InboundDedupeService {
  private readonly ttlSeconds: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DELIVERY_CONFIG) config: DeliveryConfig,
  ) {
    this.ttlSeconds = Math.max(MIN_MEMORY_SECONDS, Math.ceil((2 * config.webhookToleranceMs) / 1000) + 60);
  }

  /**
   * Runs `handle` only for an id not claimed before; answers null for a replay. When `handle`
   * throws, the claim is released so the vendor's retry is handled. Without Redis: 503 (fail closed).
   */
  async once<T>(id: string, handle: () => Promise<T>): Promise<T | null> {
    const key = inboundSeenKey(createHash('sha256').update(id).digest('hex'));
    let claimed: string | null;
    try {
      claimed = await this.redis.set(key, '1', 'EX', this.ttlSeconds, 'NX');
    } catch {
      throw new ServiceUnavailableException('Inbound messages cannot be deduplicated right now; retry later');
    }
    if (claimed !== 'OK') return null;
    try {
      return await handle();
    } catch (e) {
      await this.redis.del(key).catch(() => undefined);
      throw e;
    }
  }
}
