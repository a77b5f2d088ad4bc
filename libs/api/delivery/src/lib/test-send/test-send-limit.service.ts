import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { principalOf, REDIS, type AuthUser } from '@mini-crm/api/core';
import { CHANNELS_CONFIG, type ChannelsConfig } from '../channels.config';

export const TEST_SEND_WINDOW_MS = 3_600_000;

/**
 * Sliding hour per caller in a sorted set: admits `n` more messages while at most `limit` fall in the
 * last hour. Returns [admitted, count, msUntilRoom].
 */
const ADMIT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local n = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count + n > limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, count + n - limit - 1, 'WITHSCORES')
  local wait = window
  if #oldest >= 2 then wait = tonumber(oldest[#oldest]) + window - now end
  return {0, count, wait}
end
for i = 1, n do redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. i) end
redis.call('PEXPIRE', KEYS[1], window)
return {1, count + n, 0}
`;

/**
 * Test sends reach real inboxes and phones and cost money: each caller (user or API key) may send
 * TEST_SEND_LIMIT_PER_HOUR test messages an hour, counted per recipient across every API process.
 * Over it the route answers 429 with Retry-After. Unlike the AI limit this fails closed: without Redis, no test sends.
 */
@Injectable()
export class TestSendLimit {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CHANNELS_CONFIG) private readonly config: ChannelsConfig,
  ) {}

  /** Counts `recipients` more test messages for the caller; null when admitted, else how long to wait. */
  async admit(actor: AuthUser, recipients: number): Promise<{ retryAfterSeconds: number; message: string } | null> {
    const limit = this.config.testSendsPerHour;
    const [admitted, count, waitMs] = (await this.redis.eval(
      ADMIT,
      1,
      `delivery:test-send:${principalOf(actor)}`,
      Date.now(),
      TEST_SEND_WINDOW_MS,
      limit,
      recipients,
      randomBytes(6).toString('hex'),
    )) as [number, number, number];
    if (admitted === 1) return null;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return {
      retryAfterSeconds,
      message: `Too many test messages: ${limit} an hour per user (${count} in the last hour); retry in ${Math.ceil(retryAfterSeconds / 60)} min`,
    };
  }
}
