import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@mini-crm/api/core';
import { AI_SETTINGS } from './ai-provider-chain.service';
import type { AiSettings } from './ai-settings.util';
import { stableJson } from './stable-json.util';

/**
 * Answers in Redis, keyed by a hash of the normalized request plus provider and model. Redis
 * trouble never fails a request: the answer is then simply computed again.
 */
@Injectable()
export class AiAnswerCache {
  private readonly logger = new Logger('AiCache');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(AI_SETTINGS) private readonly settings: AiSettings,
  ) {}

  key(task: string, identity: { provider: string; model: string | null }, request: unknown): string {
    const digest = createHash('sha256')
      .update(stableJson({ task, ...identity, request }))
      .digest('hex');
    return `ai:answer:${task}:${digest}`;
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (this.settings.cacheTtlSeconds === 0) return undefined;
    try {
      const raw = await this.redis.get(key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch (e) {
      this.logger.warn(`cache read failed: ${(e as Error).message}`);
      return undefined;
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    if (this.settings.cacheTtlSeconds === 0) return;
    try {
      await this.redis.set(key, JSON.stringify(value), 'EX', this.settings.cacheTtlSeconds);
    } catch (e) {
      this.logger.warn(`cache write failed: ${(e as Error).message}`);
    }
  }
}
