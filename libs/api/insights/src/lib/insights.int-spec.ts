import { sql } from 'drizzle-orm';
import { Clock } from '@mini-crm/api/core';
import { rowsOf } from '@mini-crm/db';
import { signInTeam, startTestApp, testDrivers, waitUntil, type TestApp } from '@mini-crm/api/testing';
import { CDNOW_TODAY, importCdnowSample } from '../testing/cdnow-import';

const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual / expected - 1)).toBeLessThan(relative);

/** The CDNOW sample imported as customers and orders, scored through the API. */
describe.each(testDrivers())('customer insights on the CDNOW sample (%s)', (driver) => {
  let t: TestApp;
  let marketer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ driver, env: { INSIGHTS_CRON: '' } });
    ({ marketer, viewer } = await signInTeam(t));
    t.app.get(Clock).now = () => CDNOW_TODAY;
    await importCdnowSample(t.db.handle.db);
  });
  afterAll(async () => t?.close());

  it('has no model before the first run, and viewers may not start one', async () => {
    expect((await t.request('GET', '/api/insights/model', { token: viewer })).status).toBe(404);
    expect((await t.request('POST', '/api/insights/recompute', { token: viewer })).status).toBe(403);
    expect((await t.request('GET', '/api/insights/jobs/no-such-job', { token: viewer })).status).toBe(404);
  });

  it('fits the published parameters (α in days) and scores every customer', async () => {
    const started = await t.request('POST', '/api/insights/recompute', { token: marketer });
    expect(started.status).toBe(202);
    const done = await waitUntil(
      'the model run to finish',
      async () => {
        const job = (await t.request('GET', `/api/insights/jobs/${started.body.id}`, { token: viewer })).body;
        return job.state === 'completed' || job.state === 'failed' ? job : null;
      },
      120_000,
    );
    expect(done).toMatchObject({ state: 'completed', progress: 100, result: { customers: 2357, scored: 2357 } });

    const model = (await t.request('GET', '/api/insights/model', { token: viewer })).body;
    expect(model).toMatchObject({ model: 'bg-nbd', timeUnit: 'day', customers: 2357 });
    within(model.params.r, 0.243, 0.01);
    within(model.params.alpha, 4.414 * 7, 0.01);
    within(model.params.a, 0.793, 0.01);
    within(model.params.b, 2.426, 0.01);
    within(model.spend.p, 6.25, 0.01);
    within(model.spend.q, 3.74, 0.01);
    within(model.spend.gamma, 15.44, 0.01);
  });

  it('makes "churn risk above 0.7 and predicted CLV above X" a segment that previews and saves', async () => {
    const rules = {
      op: 'and',
      rules: [
        { field: 'churn_risk', operator: 'gt', value: 0.7 },
        { field: 'predicted_clv', operator: 'gt', value: 1 },
      ],
    };
    const preview = await t.request('POST', '/api/segment-rules/preview', { token: marketer, body: { rules } });
    expect(preview.status).toBe(200);
    const [{ n }] = rowsOf<{ n: number }>(
      await t.db.handle.db.execute(
        sql`select count(*)::int as n from customers where churn_risk > 0.7 and predicted_clv > 1`,
      ),
    );
    expect(n).toBeGreaterThan(0);
    expect(preview.body.count).toBe(n);
    const saved = await t.request('POST', '/api/segment-rules', {
      token: marketer,
      body: { name: 'Valuable but slipping away', rules },
    });
    expect(saved.status).toBe(201);
  });
});
