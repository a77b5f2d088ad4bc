import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, InvalidatedCache, readInt, REDIS, SessionUser, UserLookup } from '@mini-crm/api/core';
import { toSessionUser } from '../user.mapper';
import { UsersRepository } from '../users.repository';

/**
 * The auth guard's user lookup with a short in-process cache, so a signed-in request costs no
 * database round trip. A change of a user's role or standing (`invalidate`, called after the
 * change commits) drops the entry in every API process at once (InvalidatedCache: Redis pub/sub,
 * nothing cached while the subscription is down). USER_CACHE_TTL_SECONDS bounds an entry's age
 * anyway (0 turns the cache off).
 */
@Injectable()
export class SessionUserCache implements UserLookup, OnModuleInit, OnApplicationShutdown {
  private readonly cache: InvalidatedCache<SessionUser>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) redis: Redis,
    private readonly repo: UsersRepository,
  ) {
    this.cache = new InvalidatedCache({
      redis,
      channel: `${config.redisPrefix}:session-users:changed`,
      ttlMs: readInt(config.env, 'USER_CACHE_TTL_SECONDS', 10, 0, 300) * 1000,
      name: 'SessionUserCache',
    });
  }

  onModuleInit(): Promise<void> {
    return this.cache.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.cache.stop();
  }

  findSessionUser(id: string): Promise<SessionUser | null> {
    return this.cache.get(id, async () => {
      const row = await this.repo.findSignedIn(id);
      return row ? toSessionUser(row) : null;
    });
  }

  /** After a change to the user's role or status has committed: here now, elsewhere via Redis. */
  invalidate(id: string): Promise<void> {
    return this.cache.invalidate(id);
  }
}
