import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { duplicateRedis } from './redis-client';

export interface InvalidatedCacheOptions {
  /** The app's Redis client; the cache subscribes on a duplicate of it. */
  redis: Redis;
  /** Pub/sub channel (un-prefixed: subscriptions ignore ioredis' keyPrefix) shared by every process. */
  channel: string;
  /** How long an entry may be served at most; 0 turns the cache off (every get loads). */
  ttlMs: number;
  /** Log name, e.g. `SessionUserCache`. */
  name: string;
  maxEntries?: number;
}

/**
 * A short in-process read cache whose entries every process drops as soon as one announces a change
 * (`invalidate`, called after the change commits) through Redis pub/sub. While the subscription is
 * not live (start-up, Redis down, reconnecting) nothing is cached, and every reconnect starts empty,
 * so a missed announcement can never leave a stale entry behind. The TTL bounds an entry's age anyway.
 * Only found values are cached: a miss is looked up again next time.
 */
export class InvalidatedCache<T> {
  private readonly log: Logger;
  private readonly entries = new Map<string, { value: T; until: number }>();
  private readonly maxEntries: number;
  /** Bumped by every invalidation: a load that began before one does not store what it read. */
  private epoch = 0;
  private subscriber: Redis | null = null;
  private live = false;

  constructor(private readonly o: InvalidatedCacheOptions) {
    this.log = new Logger(o.name);
    this.maxEntries = o.maxEntries ?? 10_000;
  }

  get enabled(): boolean {
    return this.o.ttlMs > 0;
  }

  async start(): Promise<void> {
    if (!this.enabled) return;
    const sub = duplicateRedis(this.o.redis, { keyPrefix: '', lazyConnect: true });
    this.subscriber = sub;
    sub.on('error', () => undefined); // reconnects by itself; the cache stays off meanwhile
    sub.on('close', () => this.goDark());
    sub.on('end', () => this.goDark());
    sub.on('ready', () => void this.subscribe(sub)); // again after every reconnect
    sub.on('message', (_channel: string, key: string) => this.drop(key));
    // Resolves once the subscription is live (or Redis did not answer), so a started app caches at once.
    await sub
      .connect()
      .then(() => this.subscribe(sub))
      .catch((e: Error) => this.log.warn(`cache off until Redis answers: ${e.message}`));
  }

  private async subscribe(sub: Redis): Promise<void> {
    try {
      await sub.subscribe(this.o.channel);
      this.entries.clear();
      this.live = true;
    } catch {
      this.goDark();
    }
  }

  async stop(): Promise<void> {
    this.goDark();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  async get(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now() && this.live) return hit.value;
    const epoch = this.epoch;
    const value = await load();
    if (value !== null && this.live && epoch === this.epoch) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, until: Date.now() + this.o.ttlMs });
    } else if (value === null) this.entries.delete(key);
    return value;
  }

  /** After a change has committed: dropped here now, in every other process via Redis. */
  async invalidate(key: string): Promise<void> {
    this.drop(key);
    if (!this.enabled) return;
    await this.o.redis.publish(this.o.channel, key).catch((e: Error) => {
      // Other processes may keep the old entry up to the TTL: say so loudly.
      this.log.error(`could not announce a change of ${key}: ${e.message}`);
    });
  }

  private drop(key: string): void {
    this.epoch++;
    this.entries.delete(key);
  }

  private goDark(): void {
    this.live = false;
    this.epoch++;
    this.entries.clear();
  }
}
