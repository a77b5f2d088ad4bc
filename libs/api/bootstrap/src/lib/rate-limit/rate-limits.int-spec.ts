import { randomBytes } from 'node:crypto';
import { startTestApp, testDrivers, type TestApp, type TestResponse } from '@mini-crm/api/testing';

/**
 * Limits on (the harness turns them off), counted in the shared Redis under a prefix of this file's
 * own. Two API processes share it, as two replicas behind a load balancer would. Each test speaks
 * from its own client address (X-Forwarded-For; the API trusts its proxy), so the counts of one
 * test never reach another's.
 */
describe.each(testDrivers())('rate limits (%s)', (driver) => {
  const prefix = `crmtest-rl-${randomBytes(5).toString('hex')}:`;
  const limits = {
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_PREFIX: prefix,
    RATE_LIMIT_WINDOW_SECONDS: '60',
    RATE_LIMIT_PER_IP: '5',
    RATE_LIMIT_SIGN_IN: '3',
    RATE_LIMIT_TOKENS: '2',
    RATE_LIMIT_UNSUBSCRIBE: '2',
    RATE_LIMIT_TRACKING_PER_IP: '4',
    RATE_LIMIT_TRACKING_PER_CODE: '2',
  };
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp({ driver, env: limits }), startTestApp({ driver, env: limits })]);
  });
  afterAll(async () => Promise.all([a?.close(), b?.close()]));

  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const get = (t: TestApp, ip: string, path: string, token?: string) =>
    t.request('GET', path, { headers: from(ip), token });
  const post = (t: TestApp, ip: string, path: string, body: unknown) =>
    t.request('POST', path, { headers: from(ip), body });
  const times = async (n: number, call: () => Promise<TestResponse>) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await call()).status);
    return statuses;
  };
  const expectTooMany = (res: TestResponse, words: RegExp) => {
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(words) });
    expect(res.body.message).toContain(`retry in ${retryAfter} s`);
  };

  it('answers 429 with Retry-After in the error shape after N requests from one address; health stays open', async () => {
    const ip = '10.0.0.1';
    expect(await times(5, () => get(a, ip, '/api/auth/providers'))).toEqual([200, 200, 200, 200, 200]);
    expectTooMany(await get(a, ip, '/api/auth/providers'), /^Too many requests from this address: at most 5 in 60 s/);
    expectTooMany(await get(a, ip, '/api/does-not-exist'), /from this address/);
    expect((await get(a, ip, '/api/health')).status).toBe(200);
    expect((await get(a, '10.0.0.99', '/api/auth/providers')).status).toBe(200);
  });

  it('two API processes sharing Redis share the count', async () => {
    const ip = '10.0.0.2';
    expect(await times(2, () => get(a, ip, '/api/auth/providers'))).toEqual([200, 200]);
    expect(await times(3, () => get(b, ip, '/api/auth/providers'))).toEqual([200, 200, 200]);
    expectTooMany(await get(a, ip, '/api/auth/providers'), /at most 5/);
    expectTooMany(await get(b, ip, '/api/auth/providers'), /at most 5/);
  });

  it('the stricter sign-in limit bites before the general one', async () => {
    const ip = '10.0.0.3';
    const signIn = (t: TestApp) => post(t, ip, '/api/auth/dev-login', { email: 'rl@example.com' });
    expect([(await signIn(a)).status, (await signIn(b)).status, (await signIn(a)).status]).toEqual([200, 200, 200]);
    expectTooMany(await signIn(b), /^Too many sign-in attempts from this address: at most 3 in 60 s/);
    // 4 of the 5 general requests used: the rest of the API still answers this address
    expect((await get(a, ip, '/api/auth/providers')).status).toBe(200);
    // Google's start counts as sign-in too (whatever it answers when Google is not configured)
    await times(3, () => get(a, '10.0.0.33', '/api/auth/google'));
    expectTooMany(await get(b, '10.0.0.33', '/api/auth/google'), /^Too many sign-in attempts/);
  });

  it('code exchange, refresh and unsubscribe have their own stricter limits', async () => {
    const ip = '10.0.0.4';
    const exchange = await times(2, () => post(a, ip, '/api/auth/exchange', { code: 'not-a-code' }));
    expect(exchange.every((s) => s === 400 || s === 401)).toBe(true);
    expectTooMany(
      await post(b, ip, '/api/auth/refresh', { refreshToken: 'not-a-token' }),
      /^Too many token requests from this address: at most 2/,
    );
    const unsubscribe = () => get(a, '10.0.0.5', '/api/unsubscribe/not-a-token');
    expect(await times(2, unsubscribe)).toEqual([404, 404]);
    expectTooMany(await unsubscribe(), /^Too many unsubscribe requests from this address/);
  });

  it('limits tracking hits (answered before Fastify) per address and per code', async () => {
    const ip = '10.0.0.10';
    expect(await times(2, () => get(a, ip, '/o/aaaa.gif'))).toEqual([404, 404]);
    expectTooMany(await get(b, ip, '/o/aaaa.gif'), /^Too many hits on this tracking link: at most 2/);
    expect((await get(a, ip, '/r/bbbb')).status).toBe(404);
    expectTooMany(await get(a, ip, '/r/cccc'), /^Too many tracking requests from this address: at most 4/);
    // the API's own limits are counted apart
    expect((await get(a, ip, '/api/auth/providers')).status).toBe(200);
  });
});
