import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { AnalyticsCache } from './analytics-cache.service';
import { loadAnalyticsConfig } from './analytics.config';

describe('analytics cache (real Redis)', () => {
  let redis: Redis;
  const prefix = `crmtest-analytics-${randomBytes(4).toString('hex')}:`;
  const config = (env: Record<string, string>) =>
    loadAnalyticsConfig({ env, defaults: { country: 'IN', currency: 'INR' } });

  beforeAll(() => {
    redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
    await redis.quit();
  });

  it('answers from the cache within the TTL, and computes again after an invalidation', async () => {
    const cache = new AnalyticsCache(redis, config({ ANALYTICS_CACHE_TTL_SECONDS: '60' }));
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    expect(await cache.get(['overview', 1], compute)).toEqual({ n: 1 });
    expect(await cache.get(['overview', 1], compute)).toEqual({ n: 1 });
    expect(await cache.get(['overview', 2], compute)).toEqual({ n: 2 });
    await cache.invalidate();
    expect(await cache.get(['overview', 1], compute)).toEqual({ n: 3 });
    expect(await redis.ttl((await redis.keys(`${prefix}analytics:*:*`))[0].slice(prefix.length))).toBeGreaterThan(50);
  });

  it('computes every time with a TTL of 0', async () => {
    const cache = new AnalyticsCache(redis, config({ ANALYTICS_CACHE_TTL_SECONDS: '0' }));
    let computed = 0;
    await cache.get(['x'], async () => ++computed);
    await cache.get(['x'], async () => ++computed);
    expect(computed).toBe(2);
  });

  it('rejects bad analytics settings naming the variable', () => {
    expect(() => config({ COST_PER_SMS: '-1' })).toThrow(/COST_PER_SMS/);
    expect(() => config({ ATTRIBUTION_WINDOW_DAYS: '0' })).toThrow(/ATTRIBUTION_WINDOW_DAYS/);
    expect(() => config({ COST_CURRENCY: 'rupees' })).toThrow(/COST_CURRENCY/);
    expect(config({ COST_PER_EMAIL: '0.02' })).toMatchObject({
      attributionWindowDays: 7,
      costPerMessage: { sms: null, email: 0.02 },
      currency: 'INR',
      cacheTtlSeconds: 5,
    });
  });
});
