import type Redis from 'ioredis';

/**
 * One atomic Lua script rather than a library: rate-limiter-flexible and @fastify/rate-limit count
 * fixed windows (points per duration), which allow twice the limit across a window edge and lock a
 * caller out until the window ends; the npm token-bucket packages are unmaintained 0.x releases. The
 * script refills continuously (`rate` tokens/s up to `burst`), takes `cost` only when there is enough,
 * and reads the clock from Redis (`TIME`), so API processes with skewed clocks share one bucket
 * (Redis ≥ 5 replicates a script's effects, which makes `TIME` in a writing script safe).
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1]) or burst
local at = tonumber(saved[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return { allowed, tostring(tokens) }
`;

export interface BucketState {
  allowed: boolean;
  /** Whole tokens left after this call. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until this call's cost is available (0 when allowed). */
  retryAfterSeconds: number;
}

type WithTake = Redis & {
  crmTakeTokens(key: string, rate: number, burst: number, cost: number): Promise<[number, string]>;
};

/** Token buckets in Redis, one per key; every process using the same Redis and key prefix shares them. */
export class TokenBuckets {
  private readonly redis: WithTake;

  constructor(
    redis: Redis,
    readonly rate: number,
    readonly burst: number,
  ) {
    redis.defineCommand('crmTakeTokens', { numberOfKeys: 1, lua: TAKE });
    this.redis = redis as WithTake;
  }

  /** Takes `cost` tokens (at most the burst, so any call can pass on a full bucket) if the bucket holds them. */
  async take(key: string, cost: number): Promise<BucketState> {
    const want = Math.min(Math.max(1, Math.ceil(cost)), this.burst);
    const [allowed, left] = await this.redis.crmTakeTokens(key, this.rate, this.burst, want);
    const tokens = Number(left);
    return {
      allowed: allowed === 1,
      remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((this.burst - tokens) / this.rate),
      retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil((want - tokens) / this.rate)),
    };
  }
}
