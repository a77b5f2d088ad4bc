import { purchaseHistories } from '@mini-crm/testing/e2e';
import { signInTeam, startTestApp, testDrivers, waitUntil, type TestApp } from '@mini-crm/api/testing';
import { RFM_SEGMENT_VALUES } from '@mini-crm/contracts';

const BUYERS = 300;
const WITHOUT_ORDERS = 7;
const BATCH = 1000;

/** The customer-model scores in aggregate, after a model run started through the API, on both drivers. */
describe.each(testDrivers())('customer outlook analytics (%s)', (driver) => {
  let t: TestApp;
  let marketer: string;
  let viewer: string;
  const histories = purchaseHistories({ customers: BUYERS, today: new Date(), seed: 18 });
  const get = (path: string, token = viewer) => t.request('GET', path, { token });

  beforeAll(async () => {
    t = await startTestApp({ driver, env: { INSIGHTS_CRON: '', ANALYTICS_CACHE_TTL_SECONDS: '0' } });
    ({ marketer, viewer } = await signInTeam(t));
    const idle = Array.from({ length: WITHOUT_ORDERS }, (_, i) => ({ email: `idle${i}@example.com` }));
    const customers = await t.request('POST', '/api/customers/batch', {
      token: marketer,
      body: { records: [...histories.emails.map((email) => ({ email })), ...idle] },
    });
    expect(customers.status).toBe(200);
    for (let from = 0; from < histories.orders.length; from += BATCH) {
      const res = await t.request('POST', '/api/orders/batch', {
        token: marketer,
        body: { records: histories.orders.slice(from, from + BATCH) },
      });
      expect(res.body.created).toBe(Math.min(BATCH, histories.orders.length - from));
    }
  });
  afterAll(async () => t?.close());

  it('answers empty aggregates before the first run: 25 zero cells, 10 zero buckets, every RFM segment', async () => {
    const grid = await get('/api/analytics/customers/rfm-grid');
    expect(grid.status).toBe(200);
    expect(grid.body).toMatchObject({ customers: 0, revenue: 0, scoredAt: null });
    expect(grid.body.cells).toHaveLength(25);
    expect(grid.body.cells.every((c: { customers: number }) => c.customers === 0)).toBe(true);
    const churn = (await get('/api/analytics/customers/churn-risk')).body;
    expect(churn.buckets).toHaveLength(10);
    expect(churn.customers).toBe(0);
    const clv = (await get('/api/analytics/customers/clv-by-segment')).body;
    expect(clv.segments.map((s: { segment: string }) => s.segment)).toEqual([...RFM_SEGMENT_VALUES]);
  });

  it('after a run started through the API, the grid and buckets count every customer with orders', async () => {
    // The orders above queued a debounced run (300 s); asked for now, it starts now.
    const started = await t.request('POST', '/api/insights/recompute', { token: marketer });
    expect(started.status).toBe(202);
    const done = await waitUntil(
      'the model run to finish',
      async () => {
        const job = (await get(`/api/insights/jobs/${started.body.id}`)).body;
        return job.state === 'completed' || job.state === 'failed' ? job : null;
      },
      120_000,
    );
    expect(done).toMatchObject({ state: 'completed', result: { scored: BUYERS } });

    const grid = (await get('/api/analytics/customers/rfm-grid')).body;
    expect(grid.scoredAt).not.toBeNull();
    expect(grid.cells).toHaveLength(25);
    const cellSum = grid.cells.reduce((n: number, c: { customers: number }) => n + c.customers, 0);
    expect(cellSum).toBe(BUYERS);
    expect(grid.customers).toBe(BUYERS);
    // Every recency and frequency score appears (quintiles over 300 customers).
    for (const score of [1, 5]) {
      expect(
        grid.cells.filter((c: { recency: number; customers: number }) => c.recency === score && c.customers > 0),
      ).not.toHaveLength(0);
    }
    const revenue = grid.cells.reduce((n: number, c: { revenue: number }) => n + c.revenue, 0);
    expect(revenue).toBeCloseTo(histories.revenue, 0);
    expect(grid.revenue).toBeCloseTo(histories.revenue, 0);

    const churn = (await get('/api/analytics/customers/churn-risk')).body;
    expect(churn.buckets.map((b: { from: number }) => b.from)).toEqual([
      0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
    ]);
    expect(churn.buckets.reduce((n: number, b: { customers: number }) => n + b.customers, 0)).toBe(BUYERS);
    expect(churn.customers).toBe(BUYERS);
    expect(churn.buckets.filter((b: { customers: number }) => b.customers > 0).length).toBeGreaterThan(1);

    const clv = (await get('/api/analytics/customers/clv-by-segment')).body;
    expect(clv.customers).toBe(BUYERS);
    expect(clv.segments.reduce((n: number, s: { customers: number }) => n + s.customers, 0)).toBe(BUYERS);
    const champions = clv.segments.find((s: { segment: string }) => s.segment === 'champions');
    expect(champions.customers).toBeGreaterThan(0);
    expect(champions.averageClv).toBeGreaterThan(0);
    expect(champions.averageClv).toBeCloseTo(champions.totalClv / champions.withClv, 1);
  });

  it('a customer answers its outlook on the detail, and in the list only when asked', async () => {
    const list = (await get('/api/customers?limit=200&include=outlook')).body;
    const scored = list.items.filter((c: { outlook: unknown }) => c.outlook !== null);
    const idle = list.items.find((c: { email: string | null }) => c.email?.startsWith('i'));
    expect(scored.length).toBeGreaterThan(0);
    expect(idle?.outlook).toBeNull();
    const one = scored[0];
    expect(one.outlook).toMatchObject({ rfmScore: expect.stringMatching(/^[1-5]{3}$/) });
    expect(one.outlook.pAlive + one.outlook.churnRisk).toBeCloseTo(1, 6);
    const detail = (await get(`/api/customers/${one.id}`)).body;
    expect(detail.outlook).toEqual(one.outlook);
    const plain = (await get('/api/customers?limit=5')).body;
    expect(plain.items[0]).not.toHaveProperty('outlook');
    const bad = await get('/api/customers?include=everything');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('include');
  });

  it('viewers read the aggregates; an unauthenticated call is 401', async () => {
    for (const path of ['rfm-grid', 'churn-risk', 'clv-by-segment']) {
      expect((await get(`/api/analytics/customers/${path}`, viewer)).status).toBe(200);
      expect((await t.request('GET', `/api/analytics/customers/${path}`)).status).toBe(401);
    }
  });
});
