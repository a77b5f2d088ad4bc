import { randomBytes } from 'node:crypto';
import { startTestApp, testDrivers, waitUntil, type TestApp, type TestResponse } from '@mini-crm/api/testing';

/**
 * Per-caller token buckets, on two API processes sharing one RATE_LIMIT_PREFIX (as replicas behind a
 * load balancer). A bucket of 12 refilling one token per 5 s: within a test's few seconds no token
 * comes back, so the counts below are exact; the refill test waits for the first one.
 */
describe.each(testDrivers())('per-caller rate limits (%s)', (driver) => {
  const limits = {
    RATE_LIMIT_ENABLED: 'true',
    JWT_SECRET: randomBytes(32).toString('hex'),
    RATE_LIMIT_PREFIX: `crmtest-prl-${randomBytes(5).toString('hex')}:`,
    RATE_LIMIT_PER_IP: '100000',
    RATE_LIMIT_SIGN_IN: '1000',
    RATE_LIMIT_TOKENS: '1000',
    RATE_LIMIT_PRINCIPAL_RATE: '0.2',
    RATE_LIMIT_PRINCIPAL_BURST: '12',
  };
  let a: TestApp;
  let b: TestApp;
  let admin: string;
  beforeAll(async () => {
    a = await startTestApp({ driver, env: limits });
    b = await startTestApp({ driver, env: limits, database: a.db });
    admin = (await a.login('admin-prl@example.com')).accessToken; // the first sign-in is the admin
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const me = (t: TestApp, token: string, ip = '10.1.0.1') =>
    t.request('GET', '/api/auth/me', { token, headers: { 'x-forwarded-for': ip } });
  const remaining = (res: TestResponse) => Number(res.headers.get('ratelimit-remaining'));

  it('one bucket per user across processes: RateLimit headers count down, then 429 with Retry-After', async () => {
    const ann = (await a.login('ann-prl@example.com')).accessToken;
    const seen: TestResponse[] = [];
    for (let i = 0; i < 12; i++) seen.push(await me(i % 2 ? b : a, ann));
    expect(seen.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(seen.map((r) => r.headers.get('ratelimit-limit'))).toEqual(Array(12).fill('12'));
    expect(seen.map(remaining)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const resets = seen.map((r) => Number(r.headers.get('ratelimit-reset')));
    expect(resets[0]).toBe(5); // one token short of full: 5 s at 0.2/s
    // empty: 60 s to full, less what came back while the calls ran
    expect(resets[11]).toBeGreaterThanOrEqual(55);
    expect(resets[11]).toBeLessThanOrEqual(60);

    // another address does not help; the other process answers the same
    for (const res of [await me(a, ann, '10.1.0.2'), await me(b, ann, '10.1.0.3')]) {
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(5);
      expect(remaining(res)).toBe(0);
      expect(res.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Too many requests for this user: at most 12 tokens at once, refilled at 0.2 per second (this call costs 1); retry in ${retryAfter} s`,
      });
    }

    // another user has a bucket of their own; an anonymous route carries no bucket headers
    const bob = (await a.login('bob-prl@example.com')).accessToken;
    const other = await me(a, bob);
    expect([other.status, remaining(other)]).toEqual([200, 11]);
    const anonymous = await a.request('GET', '/api/auth/providers');
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('ratelimit-remaining')).toBeNull();
  });

  it('a batch costs more than a single call (failed calls pay too: the bucket is charged before the work)', async () => {
    const post = (body: unknown) =>
      a.request('POST', '/api/orders', { token: admin, body, headers: { 'x-forwarded-for': '10.1.0.4' } });
    const single = await post({ customerEmail: 'nobody@example.com', amount: 1 });
    expect(single.status).toBe(400);
    expect(remaining(single)).toBe(11);
    const batch = await post({ orders: [{ customerEmail: 'nobody@example.com', amount: 1 }] });
    expect([batch.status, remaining(batch)]).toEqual([400, 1]);
    const tooBig = await post({ orders: [] });
    expect(tooBig.status).toBe(429);
    expect(tooBig.body.message).toContain('(this call costs 10)');
    // a single read still fits in the one token left
    const read = await me(a, admin);
    expect([read.status, remaining(read)]).toEqual([200, 0]);
  });

  it('an API key has a bucket of its own, apart from the admin who created it', async () => {
    // a third process with fresh counters (the tests above spent the admin's bucket), on the same database
    const c = await startTestApp({
      driver,
      env: { ...limits, RATE_LIMIT_PREFIX: `crmtest-prl-${randomBytes(5).toString('hex')}:` },
      database: a.db,
    });
    try {
      const created = await c.request('POST', '/api/api-keys', {
        token: admin,
        body: { name: 'Shop sync', role: 'marketer' },
      });
      expect([created.status, remaining(created)]).toEqual([201, 11]);
      const list = () => c.request('GET', '/api/customers?limit=1', { headers: { 'x-api-key': created.body.key } });
      const calls: TestResponse[] = [];
      for (let i = 0; i < 12; i++) calls.push(await list());
      expect(calls.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(calls.map(remaining)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      const refused = await list();
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/^Too many requests for this API key: at most 12 tokens/);
      // the admin's own bucket paid only for creating the key
      const adminCall = await c.request('GET', '/api/customers?limit=1', { token: admin });
      expect([adminCall.status, remaining(adminCall)]).toEqual([200, 10]);
    } finally {
      await c.close();
    }
  });

  it('the bucket refills at the configured rate', async () => {
    const token = (await b.login('dan-prl@example.com')).accessToken;
    for (let i = 0; i < 12; i++) expect((await me(b, token)).status).toBe(200);
    const refused = await me(b, token);
    expect(refused.status).toBe(429);
    const before = Date.now();
    const back = await waitUntil(
      'a token back',
      async () => {
        const res = await me(b, token);
        return res.status === 200 ? res : null;
      },
      15_000,
      250,
    );
    expect(remaining(back)).toBe(0);
    // one token per 5 s (the first may have been under way while the bucket was being emptied)
    expect(Date.now() - before).toBeGreaterThan(1000);
  });
});
