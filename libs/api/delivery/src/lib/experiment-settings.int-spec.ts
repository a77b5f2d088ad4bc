import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { sampleSizePerVariant } from '@mini-crm/experiment-stats';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

const variant = (key: string, subject = `Subject ${key}`) => ({
  key,
  message: `<p>Hi {{first_name|there}}, offer ${key}</p>`,
  subject,
});
const TEST = { testShare: 0.4, metric: 'click_rate', waitMinutes: 30, confidence: 0.9, fallback: 'manual' };

/** Editing a draft's variants, holdout and test phase; duplicating them; the sample-size helper. */
describe.each(testDrivers())('experiment settings: PATCH, duplicate, sample size (%s)', (driver) => {
  let h: DeliveryHarness;
  let segmentId: string;
  let viewer: string;

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { stub: { failRate: 0, openRate: 0, clickRate: 0 } });
    await seedCustomers(h.t.db.handle.db, makeCustomers(200, 'Pune'));
    segmentId = await h.createSegment('Pune', 'Pune');
    viewer = (await h.t.login('viewer-settings@example.com')).accessToken;
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  const get = async (id: string) => (await h.t.request('GET', `/api/campaigns/${id}`, { token: h.token })).body;
  const patch = (id: string, body: Record<string, unknown>) =>
    h.t.request('PATCH', `/api/campaigns/${id}`, { token: h.token, body });
  const draft = async (body: Record<string, unknown> = {}) =>
    (
      await h.createCampaign({
        name: 'Settings',
        segmentId,
        channel: 'email',
        message: '<p>Hi</p>',
        subject: 'Hi',
        ...body,
      })
    ).id;

  it('PATCH adds variants, holdout and a test phase to a plain draft, then edits and drops them', async () => {
    const id = await draft();
    expect(await get(id)).not.toHaveProperty('variants');

    const added = await patch(id, { variants: [variant('A'), variant('B')], holdout: 0.2, experiment: TEST });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      message: variant('A').message,
      subject: 'Subject A',
      variants: [variant('A'), variant('B')],
      holdout: 0.2,
      experiment: TEST,
    });
    expect(await get(id)).toMatchObject({ variants: [variant('A'), variant('B')], holdout: 0.2, experiment: TEST });

    // Fields the body omits keep their values; `message` alone edits the first variant.
    const holdout = await patch(id, { holdout: 0.1 });
    expect(holdout.body).toMatchObject({ holdout: 0.1, experiment: TEST, variants: [variant('A'), variant('B')] });
    const msg = await patch(id, { message: '<p>New A</p>', subject: 'New subject' });
    expect(msg.body).toMatchObject({
      message: '<p>New A</p>',
      subject: 'New subject',
      variants: [{ key: 'A', message: '<p>New A</p>', subject: 'New subject' }, variant('B')],
      experiment: TEST,
    });

    // A third variant and new test settings.
    const third = await patch(id, {
      variants: [variant('A'), variant('B'), variant('C')],
      experiment: { ...TEST, testShare: 0.3, fallback: 'best' },
    });
    expect(third.body.variants.map((v: { key: string }) => v.key)).toEqual(['A', 'B', 'C']);
    expect(third.body.experiment).toMatchObject({ testShare: 0.3, fallback: 'best' });

    // Dropping the test phase keeps variants and holdout; dropping everything makes it plain again.
    const noTest = await patch(id, { experiment: null });
    expect(noTest.body).toMatchObject({ experiment: null, holdout: 0.1 });
    expect(noTest.body.variants).toHaveLength(3);
    const plain = await patch(id, { variants: null, holdout: 0 });
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('variants');
    expect(plain.body).toMatchObject({ message: variant('A').message, subject: 'Subject A' });
    const rows = rowsOf<{ n: number }>(
      await h.t.db.handle.db.execute(
        sql`select count(*)::int as n from campaign_experiments where campaign_id = ${id}`,
      ),
    );
    expect(rows[0].n).toBe(0);
  });

  it('PATCH refuses bad experiment settings with field-level messages and changes nothing', async () => {
    const id = await draft({ variants: [variant('A'), variant('B')], holdout: 0.1, experiment: TEST });
    const before = await get(id);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ variants: [variant('A'), variant('a')] }, 'variants[1].key'],
      [{ variants: [variant('A'), { key: 'B', message: 'Hi {{shoe_size}}', subject: 'x' }] }, 'variants[1].message'],
      [{ variants: [variant('A')] }, 'experiment'],
      [{ holdout: 0.7 }, 'holdout'],
      [{ holdout: 0.5, experiment: { ...TEST, testShare: 0.5 } }, 'experiment.testShare'],
      [{ experiment: { ...TEST, metric: 'ctr' } }, 'experiment.metric'],
      [{ experiment: { ...TEST, waitMinutes: 0 } }, 'experiment.waitMinutes'],
    ];
    for (const [body, path] of cases) {
      const res = await patch(id, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await get(id)).toEqual(before);
    expect((await h.t.request('PATCH', `/api/campaigns/${id}`, { token: viewer, body: { holdout: 0 } })).status).toBe(
      403,
    );
  });

  it('duplicate copies variants, holdout and test phase (not the results); the copy launches as an experiment', async () => {
    const id = await draft({ variants: [variant('A'), variant('B')], holdout: 0.25, experiment: TEST });
    expect((await h.launch(id)).status).toBe(200);
    const copy = await h.t.request('POST', `/api/campaigns/${id}/duplicate`, { token: h.token });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      status: 'draft',
      variants: [variant('A'), variant('B')],
      holdout: 0.25,
      experiment: TEST,
    });
    const decided = rowsOf<{ phase: string; decide_at: unknown }>(
      await h.t.db.handle.db.execute(
        sql`select phase, decide_at from campaign_experiments where campaign_id = ${copy.body.id}`,
      ),
    );
    expect(decided).toEqual([{ phase: 'test', decide_at: null }]);

    expect((await h.launch(copy.body.id)).status).toBe(200);
    const split = rowsOf<{ variant: string | null; n: number }>(
      await h.t.db.handle.db.execute(sql`
        select variant, count(*)::int as n from messages where campaign_id = ${copy.body.id}
        group by variant order by variant nulls last`),
    );
    expect(split.map((r) => r.variant)).toEqual(['A', 'B', null]);
    const held = rowsOf<{ n: number }>(
      await h.t.db.handle.db.execute(
        sql`select count(*)::int as n from campaign_holdout where campaign_id = ${copy.body.id}`,
      ),
    );
    expect(held[0].n).toBeGreaterThan(0);
  });

  it('GET /api/experiments/sample-size answers Fleiss per variant; bad queries get field-level 400s', async () => {
    const ask = (query: string, token = h.token) =>
      h.t.request('GET', `/api/experiments/sample-size?${query}`, { token });
    const res = await ask('baseline=0.05&lift=0.2&confidence=0.95&power=0.8&variants=3', viewer);
    expect(res.status).toBe(200);
    const perVariant = sampleSizePerVariant({ baselineRate: 0.05, minimumDetectableLift: 0.2 });
    // The published value for 5 % → 6 % at α = 0.05 (two-sided), power 0.8 is about 8,150 per group.
    expect(perVariant).toBeGreaterThan(8100);
    expect(perVariant).toBeLessThan(8200);
    expect(res.body).toEqual({
      baseline: 0.05,
      lift: 0.2,
      confidence: 0.95,
      power: 0.8,
      variants: 3,
      perVariant,
      total: perVariant * 3,
    });
    const defaults = await ask('baseline=0.1&lift=0.5');
    expect(defaults.body).toMatchObject({ confidence: 0.95, power: 0.8, variants: 2 });
    // A larger lift needs fewer people; a higher confidence more.
    expect(defaults.body.perVariant).toBeLessThan(perVariant);
    const strict = await ask('baseline=0.05&lift=0.2&confidence=0.99');
    expect(strict.body.perVariant).toBeGreaterThan(perVariant);

    const cases: Array<[string, string]> = [
      ['lift=0.2', 'baseline'],
      ['baseline=0&lift=0.2', 'baseline'],
      ['baseline=abc&lift=0.2', 'baseline'],
      ['baseline=1.5&lift=0.2', 'baseline'],
      ['baseline=0.05', 'lift'],
      ['baseline=0.05&lift=-1', 'lift'],
      ['baseline=0.6&lift=1', 'lift'],
      ['baseline=0.05&lift=0.2&confidence=0.5', 'confidence'],
      ['baseline=0.05&lift=0.2&power=1', 'power'],
      ['baseline=0.05&lift=0.2&variants=9', 'variants'],
    ];
    for (const [query, path] of cases) {
      const bad = await ask(query);
      expect({ query, status: bad.status }).toEqual({ query, status: 400 });
      expect(bad.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await h.t.request('GET', '/api/experiments/sample-size?baseline=0.05&lift=0.2')).status).toBe(401);
  });
});
