import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

/**
 * Runs a scheduled task once per period across every process sharing the Redis prefix: each
 * process's cron fires, the first to claim the period's slot (SET NX, expiring with the period) runs
 * the task and the others skip it.
 */
@Injectable()
export class CronLock {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** `fn`'s result when this process won the slot of `now`, null when another process has it. */
  async once<T>(name: string, periodMs: number, fn: () => Promise<T>, now = Date.now()): Promise<T | null> {
    const slot = Math.floor(now / periodMs);
    const won = await this.redis.set(`cron:${name}:${slot}`, String(process.pid), 'PX', periodMs, 'NX');
    return won === 'OK' ? fn() : null;
  }
}
