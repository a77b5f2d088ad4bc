import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, InvalidatedCache, readInt, REDIS } from '@mini-crm/api/core';
import { ApiKeyRow, ApiKeysRepository } from './api-keys.repository';

/**
 * Key rows by public prefix, cached in each API process so a request by a key costs no database
 * round trip. A revocation (`invalidate`, after it commits) drops the row in every process at once
 * through Redis pub/sub; expiry is checked against the row on every request. Shares
 * USER_CACHE_TTL_SECONDS with the session-user cache (0 turns both off).
 */
@Injectable()
export class ApiKeyCache implements OnModuleInit, OnApplicationShutdown {
  private readonly cache: InvalidatedCache<ApiKeyRow>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) redis: Redis,
    private readonly repo: ApiKeysRepository,
  ) {
    this.cache = new InvalidatedCache({
      redis,
      channel: `${config.redisPrefix}:api-keys:changed`,
      ttlMs: readInt(config.env, 'USER_CACHE_TTL_SECONDS', 10, 0, 300) * 1000,
      name: 'ApiKeyCache',
    });
  }

  onModuleInit(): Promise<void> {
    return this.cache.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.cache.stop();
  }

  byPrefix(prefix: string): Promise<ApiKeyRow | null> {
    return this.cache.get(prefix, () => this.repo.findByPrefix(prefix));
  }

  /** After a key's revocation has committed. */
  invalidate(prefix: string): Promise<void> {
    return this.cache.invalidate(prefix);
  }
}
