import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, readInt, REDIS, SessionUser, UserLookup } from '@mini-crm/api/core';
import { toSessionUser } from '../user.mapper';
import { UsersRepository } from '../users.repository';

/**
 * The auth guard's user lookup with a short in-process cache, so a signed-in request costs no
 * database round trip. A change of a user's role or standing (`invalidate`, called after the
 * change commits) drops the entry here at once and, through Redis pub/sub, in every other API
 * process within a message's delivery time. While the subscription is not live (start-up, Redis
 * down, reconnecting) nothing is cached; every reconnect starts from an empty cache.
 * USER_CACHE_TTL_SECONDS bounds an entry's age anyway (0 turns the cache off).
 */
@Injectable()
export class SessionUserCache implements UserLookup, OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('SessionUserCache');
  private readonly ttlMs: number;
  private readonly channel: string;
  private readonly entries = new Map<string, { user: SessionUser; until: number }>();
  /** Bumped by every invalidation: a lookup that began before one does not store what it read. */
  private epoch = 0;
  private subscriber: Redis | null = null;
  private live = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly repo: UsersRepository,
  ) {
    this.ttlMs = readInt(config.env, 'USER_CACHE_TTL_SECONDS', 10, 0, 300) * 1000;
    this.channel = `${config.redisPrefix}:session-users:changed`;
  }

  async onModuleInit(): Promise<void> {
    if (!this.ttlMs) return;
    const sub = this.redis.duplicate({ keyPrefix: '', lazyConnect: true });
    this.subscriber = sub;
    sub.on('error', () => undefined); // reconnects by itself; the cache stays off meanwhile
    sub.on('close', () => this.goDark());
    sub.on('end', () => this.goDark());
    sub.on('ready', () => {
      sub.subscribe(this.channel).then(
        () => {
          this.entries.clear();
          this.live = true;
        },
        () => this.goDark(),
      );
    });
    sub.on('message', (_channel: string, id: string) => this.drop(id));
    await sub.connect().catch((e: Error) => this.log.warn(`session cache off until Redis answers: ${e.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.goDark();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  async findSessionUser(id: string): Promise<SessionUser | null> {
    const hit = this.entries.get(id);
    if (hit && hit.until > Date.now() && this.live) return hit.user;
    const epoch = this.epoch;
    const row = await this.repo.findSignedIn(id);
    const user = row ? toSessionUser(row) : null;
    if (user && this.live && epoch === this.epoch) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(id, { user, until: Date.now() + this.ttlMs });
    } else if (!user) this.entries.delete(id);
    return user;
  }

  /** After a change to the user's role or status has committed: here now, elsewhere via Redis. */
  async invalidate(id: string): Promise<void> {
    this.drop(id);
    if (!this.ttlMs) return;
    await this.redis.publish(this.channel, id).catch((e: Error) => {
      // Other processes may keep the old entry up to USER_CACHE_TTL_SECONDS: say so loudly.
      this.log.error(`could not announce a change of user ${id}: ${e.message}`);
    });
  }

  private drop(id: string): void {
    this.epoch++;
    this.entries.delete(id);
  }

  private goDark(): void {
    this.live = false;
    this.epoch++;
    this.entries.clear();
  }
}

const MAX_ENTRIES = 10_000;
