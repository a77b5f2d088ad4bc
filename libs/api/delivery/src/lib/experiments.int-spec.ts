import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { EXPERIMENT_QUEUE, Queues } from '@mini-crm/api/core';
import { testDrivers } from '@mini-crm/api/testing';
import type { CampaignStatsDto } from '@mini-crm/contracts';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

const N = 600;
const link = (v: string) => `https://shop.example.com/${v.toLowerCase()}`;
const variant = (key: string) => ({ key, message: `Hi {{first_name|there}}, offer VARIANT-${key}: ${link(key)}` });
const THREE = [variant('A'), variant('B'), variant('C')];

/** The stats of a campaign with variants: per-variant, holdout and experiment parts all present. */
type Stats = CampaignStatsDto & Required<Pick<CampaignStatsDto, 'variants' | 'holdout' | 'experiment'>>;
const isExperiment = (s: CampaignStatsDto): s is Stats => !!(s.variants && s.holdout && s.experiment);
function experimentStats(s: CampaignStatsDto): Stats {
  if (isExperiment(s)) return s;
  throw new Error(`stats without the experiment parts: ${JSON.stringify(s)}`);
}

describe.each(testDrivers())('experiments: variants, holdout, test phase and winner (%s)', (driver) => {
  let h: DeliveryHarness;
  let segmentId: string;
  let eligible: number;
  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    rowsOf<T>(await h.t.db.handle.db.execute(query));

  beforeAll(async () => {
    // No failures, so "exactly one message each" is visible in the vendor's own count.
    h = await startDeliveryHarness(driver, { stub: { failRate: 0, openRate: 0, clickRate: 0, receiptDelayMs: 5 } });
    await seedCustomers(h.t.db.handle.db, makeCustomers(N, 'Pune'));
    eligible = makeCustomers(N).filter((c) => c.phone && c.smsStatus === 'subscribed').length;
    segmentId = await h.createSegment('Pune', 'Pune');
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  const create = (body: Record<string, unknown>) =>
    h.t.request('POST', '/api/campaigns', {
      token: h.token,
      body: { name: 'Experiment', segmentId, channel: 'sms', message: '', ...body },
    });
  const stats = async (id: string) => experimentStats(await h.stats(id));
  // Each scenario counts the stub's sends and simulated clicks from zero (the previous campaign has settled).
  beforeEach(() => h.stub.reset());

  /** The test clock: the decision job's wait ends now (instead of after waitMinutes). */
  async function endWait(id: string): Promise<void> {
    const job = await h.t.app.get(Queues).queue(EXPERIMENT_QUEUE).getJob(`experiment-${id}`);
    if (!job) throw new Error(`no experiment job for ${id}`);
    await job.promote();
  }

  /** Every test-phase message handled, its receipt applied, and every simulated click stored. */
  async function testPhaseSettled(id: string): Promise<Stats> {
    return h.waitFor(
      'the test phase to be sent and its engagement stored',
      async () => {
        const quiet = await h.quietStats(id);
        if (!quiet) return null;
        const s = experimentStats(quiet.stats);
        const tested = s.variants.filter((v) => v.key !== '(remainder)');
        const pendingTest = tested.length === 0 || tested.some((v) => Number(v.audience) !== Number(v.sent));
        const clicks = tested.reduce((a, v) => a + Number(v.clicked), 0);
        const { engagement } = quiet.vendor;
        return !pendingTest && engagement.pending === 0 && clicks === engagement.clicks ? s : null;
      },
      60_000,
    );
  }

  async function assertExactlyOnce(id: string, s: Stats): Promise<void> {
    const held = await q<{ n: number }>(sql`select count(*)::int as n from campaign_holdout where campaign_id = ${id}`);
    const both = await q<{ n: number }>(sql`
      select count(*)::int as n from campaign_holdout h join messages m
        on m.campaign_id = h.campaign_id and m.customer_id = h.customer_id where h.campaign_id = ${id}`);
    expect(both[0].n).toBe(0);
    expect(held[0].n).toBe(s.holdout.size);
    // Every eligible customer is either held out or got exactly one message, and the vendor saw it once.
    expect(s.audience + s.holdout.size).toBe(eligible);
    expect(s.sent).toBe(s.audience);
    const dupes = await q<{ n: number }>(sql`
      select count(*)::int as n from (select customer_id from messages where campaign_id = ${id}
        group by customer_id having count(*) > 1) d`);
    expect(dupes[0].n).toBe(0);
    // Stats reconcile: the variants add up to the campaign's totals.
    for (const k of ['audience', 'sent', 'clicked', 'converted', 'revenue'] as const)
      expect(s.variants.reduce((a, v) => a + Number(v[k]), 0)).toBeCloseTo(Number(s[k]), 6);
  }

  it('refuses bad variants, holdouts and test phases with field-level messages, creating nothing', async () => {
    const before = await q<{ n: number }>(sql`select count(*)::int as n from campaigns`);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ variants: [variant('A'), { key: 'a', message: 'x' }] }, 'variants[1].key'],
      [{ variants: [variant('A'), { key: 'B', message: 'Hi {{shoe_size}}' }] }, 'variants[1].message'],
      [{ variants: [] }, 'variants'],
      [{ variants: ['A', 'B', 'C', 'D', 'E', 'F'].map(variant) }, 'variants'],
      [{ variants: [{ key: 'bad key!', message: 'x' }] }, 'variants[0].key'],
      [{ variants: THREE, holdout: 0.6 }, 'holdout'],
      [
        { variants: [variant('A')], experiment: { testShare: 0.3, metric: 'click_rate', waitMinutes: 5 } },
        'experiment',
      ],
      [
        { variants: THREE, holdout: 0.4, experiment: { testShare: 0.6, metric: 'click_rate', waitMinutes: 5 } },
        'experiment.testShare',
      ],
      [{ variants: THREE, experiment: { testShare: 0.3, metric: 'ctr', waitMinutes: 5 } }, 'experiment.metric'],
      [
        { variants: THREE, experiment: { testShare: 0.3, metric: 'click_rate', waitMinutes: 0 } },
        'experiment.waitMinutes',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await create(body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const after = await q<{ n: number }>(sql`select count(*)::int as n from campaigns`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('3 variants, 10 % holdout, 30 % test phase: B clearly better is sent to the remainder automatically', async () => {
    h.stub.configure({
      engage: true,
      engageDelayMs: 3200,
      clickRate: 0.05,
      variantRates: [{ contains: 'VARIANT-B', clickRate: 0.7 }],
    });
    try {
      const created = await create({
        variants: THREE,
        holdout: 0.1,
        experiment: { testShare: 0.3, metric: 'click_rate', waitMinutes: 60, confidence: 0.95, fallback: 'first' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        message: THREE[0].message,
        holdout: 0.1,
        variants: THREE.map((v) => ({ ...v, subject: null })),
      });
      const id = created.body.id;
      expect((await h.launch(id)).status).toBe(200);

      const test = await testPhaseSettled(id);
      expect(test.experiment.phase).toBe('waiting');
      expect(test.status).toBe('running');
      const remainder = test.variants.find((v) => v.key === '(remainder)');
      expect(Number(remainder?.audience)).toBeGreaterThan(0);
      expect(Number(remainder?.sent)).toBe(0);
      // Assignment is by hash: roughly 10 % held out, 30 % tested, in three near-equal groups.
      expect(test.holdout.size / eligible).toBeGreaterThan(0.04);
      expect(test.holdout.size / eligible).toBeLessThan(0.18);

      await endWait(id);
      const s = experimentStats(await h.settle(id));
      expect(s.experiment).toMatchObject({ phase: 'winner_sent', winner: 'B', reason: 'significant' });
      expect(s.experiment.pValue).toBeLessThan(0.05);
      expect(s.variants.map((v) => v.key)).toEqual(['A', 'B', 'C']);
      const b = s.variants[1];
      // The remainder went to B: its audience is its test group plus everyone who waited.
      const bTested = test.variants.find((v) => v.key === 'B');
      expect(Number(b.audience)).toBe(Number(bTested?.audience) + Number(remainder?.audience));
      const texts = await q<{ variant: string; n: number; wrong: number }>(sql`
        select variant, count(*)::int as n,
          count(*) filter (where rendered_text not like '%VARIANT-' || variant || '%')::int as wrong
        from messages where campaign_id = ${id} group by variant order by variant`);
      expect(texts.map((t) => t.variant)).toEqual(['A', 'B', 'C']);
      expect(texts.every((t) => t.wrong === 0)).toBe(true);
      await assertExactlyOnce(id, s);
      expect(h.stub.stats().duplicates).toBe(0);
    } finally {
      h.stub.configure({ engage: false, variantRates: [], clickRate: 0 });
    }
  });

  it('equal variants: no winner is declared and the fallback (first) is sent', async () => {
    const created = await create({
      variants: THREE,
      holdout: 0.1,
      experiment: { testShare: 0.3, metric: 'click_rate', waitMinutes: 60, fallback: 'first' },
    });
    const id = created.body.id;
    expect((await h.launch(id)).status).toBe(200);
    await testPhaseSettled(id);
    await endWait(id);
    const s = experimentStats(await h.settle(id));
    expect(s.experiment).toMatchObject({ phase: 'winner_sent', winner: 'A', reason: 'fallback_first', pValue: 1 });
    await assertExactlyOnce(id, s);
  });

  it('send winner now: a person picks C during the test; a second pick and unknown variants are refused', async () => {
    const created = await create({
      variants: THREE,
      experiment: { testShare: 0.3, metric: 'conversion_rate', waitMinutes: 60, fallback: 'manual' },
    });
    const id = created.body.id;
    expect((await h.launch(id)).status).toBe(200);
    await testPhaseSettled(id);
    const unknown = await h.t.request('POST', `/api/campaigns/${id}/winner`, {
      token: h.token,
      body: { variant: 'Z' },
    });
    expect(unknown.status).toBe(400);
    const viewer = await h.t.login('viewer-exp@example.com');
    const refused = await h.t.request('POST', `/api/campaigns/${id}/winner`, {
      token: viewer.accessToken,
      body: { variant: 'C' },
    });
    expect(refused.status).toBe(403);
    const picked = await h.t.request('POST', `/api/campaigns/${id}/winner`, { token: h.token, body: { variant: 'C' } });
    expect(picked.status).toBe(200);
    expect(picked.body.experiment).toMatchObject({ phase: 'winner_sent', winner: 'C', reason: 'manual' });
    const audit = await q<{ actor_email: string; request_id: string; diff: { winner: string } }>(
      sql`select actor_email, request_id, diff from audit_log where action = 'campaign.winner_sent' and entity_id = ${id}`,
    );
    expect(audit).toEqual([
      expect.objectContaining({ actor_email: 'admin@example.com', request_id: picked.headers.get('x-request-id') }),
    ]);
    expect(audit[0].diff.winner).toBe('C');
    const again = await h.t.request('POST', `/api/campaigns/${id}/winner`, { token: h.token, body: { variant: 'A' } });
    expect(again.status).toBe(409);
    // The timer firing afterwards changes nothing.
    await endWait(id);
    const s = experimentStats(await h.settle(id));
    expect(s.experiment).toMatchObject({ winner: 'C', reason: 'manual' });
    expect(s.holdout.size).toBe(0);
    await assertExactlyOnce(id, s);
  });

  /** Launch a 3-variant test phase (fallback first, nobody clicks) and wait until its test share is sent. */
  async function launchedTest(): Promise<string> {
    const created = await create({
      variants: THREE,
      experiment: { testShare: 0.3, metric: 'click_rate', waitMinutes: 60, fallback: 'first' },
    });
    const id = created.body.id;
    expect((await h.launch(id)).status).toBe(200);
    await testPhaseSettled(id);
    return id;
  }
  const overdue = (id: string) =>
    q(sql`update campaign_experiments set decide_at = now() - interval '1 hour' where campaign_id = ${id}`);
  const decisions = async (id: string) =>
    (
      await q<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = 'campaign.winner_sent' and entity_id = ${id}`,
      )
    )[0].n;

  it('a lost decision job (Redis flushed): the reconciler decides the overdue test phase', async () => {
    const id = await launchedTest();
    const job = await h.t.app.get(Queues).queue(EXPERIMENT_QUEUE).getJob(`experiment-${id}`);
    expect(job).toBeDefined();
    await job?.remove();
    expect(await h.t.app.get(Queues).queue(EXPERIMENT_QUEUE).getJob(`experiment-${id}`)).toBeUndefined();
    // Still waiting: the decision is not due yet, and nothing else decides it.
    expect((await stats(id)).experiment.phase).toBe('waiting');
    await overdue(id); // the test clock: the wait ended an hour ago
    const s = experimentStats(await h.settle(id));
    expect(s.experiment).toMatchObject({ phase: 'winner_sent', winner: 'A', reason: 'fallback_first' });
    expect(await decisions(id)).toBe(1);
    await assertExactlyOnce(id, s);
  });

  it('the timer job and the reconciler both due: the experiment is decided once', async () => {
    const id = await launchedTest();
    await overdue(id);
    await endWait(id);
    const s = experimentStats(await h.settle(id));
    expect(s.experiment).toMatchObject({ phase: 'winner_sent', winner: 'A', reason: 'fallback_first' });
    expect(await decisions(id)).toBe(1);
    await assertExactlyOnce(id, s);
  });
});
