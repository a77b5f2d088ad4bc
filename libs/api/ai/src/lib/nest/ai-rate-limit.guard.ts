import { randomBytes } from 'node:crypto';
import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AuthUser, REDIS } from '@mini-crm/api/core';
import { AI_SETTINGS } from './ai-provider-chain.service';
import type { AiSettings } from './ai-settings.util';

export const AI_RATE_WINDOW_MS = 60_000;

/**
 * Sliding-window log per user in a sorted set: drops entries older than the window, admits the
 * call when fewer than `limit` remain. Returns [admitted, count, msUntilASlotFrees].
 */
const SLIDING_WINDOW = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, count, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, count + 1, 0}
`;

interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** Per-user limit on the AI routes (they cost money and time); 429 with retry-after beyond it. */
@Injectable()
export class AiRateLimitGuard implements CanActivate {
  private readonly logger = new Logger('AiRateLimit');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(AI_SETTINGS) private readonly settings: AiSettings,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const http = ctx.switchToHttp();
    const user = http.getRequest<{ user?: AuthUser }>().user;
    if (!user) return true; // the global auth guard has already rejected anonymous calls
    const limit = this.settings.rateLimitPerMinute;
    const now = Date.now();
    let result: [number, number, number];
    try {
      const member = `${now}-${randomBytes(4).toString('hex')}`;
      result = (await this.redis.eval(
        SLIDING_WINDOW,
        1,
        `ai:rate:${user.id}`,
        now,
        AI_RATE_WINDOW_MS,
        limit,
        member,
      )) as [number, number, number];
    } catch (e) {
      // Fail open: an unreachable Redis should not take the AI features down with it.
      this.logger.warn(`rate limit check failed: ${(e as Error).message}`);
      return true;
    }
    const [admitted, count, waitMs] = result;
    const reply = http.getResponse<HeaderReply>();
    reply.header('ratelimit-limit', String(limit));
    reply.header('ratelimit-remaining', String(Math.max(0, limit - count)));
    if (admitted === 1) return true;
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    reply.header('retry-after', String(retryAfter));
    throw new HttpException(
      { message: `Too many AI requests: at most ${limit} a minute per user; retry in ${retryAfter} s` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
