import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { EXPERIMENT_QUEUE, Queues } from '@mini-crm/api/core';
import type { ChildHandle } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

/**
 * Exactly once across an experiment's phases when the worker dies in the winner phase: separate
 * processes sharing one database, so PostgreSQL server driver only (as reliability.int-spec.ts).
 */
describe('experiments: worker killed with SIGKILL in the winner phase (pg)', () => {
  let h: DeliveryHarness;
  const workers: ChildHandle[] = [];

  beforeAll(async () => {
    h = await startDeliveryHarness('pg', {
      env: { WORKERS_IN_API: 'false' },
      stub: { latencyMs: 80, failRate: 0, openRate: 0, clickRate: 0 },
    });
    await seedCustomers(h.t.db.handle.db, makeCustomers(3000, 'Pune'));
  }, 180_000);
  afterAll(async () => {
    for (const w of workers) await w.kill('SIGKILL');
    await h?.close();
  }, 180_000);

  const worker = async () => {
    const w = await h.startWorker();
    workers.push(w);
    return w;
  };

  it('test phase, decision, kill mid-winner-phase, restart: each recipient got one message of one variant', async () => {
    const segmentId = await h.createSegment('Pune', 'Pune');
    const { id } = await h.createCampaign({
      name: 'Winner crash',
      segmentId,
      channel: 'sms',
      message: '',
      variants: [
        { key: 'A', message: 'Hi {{first_name|there}} (A)' },
        { key: 'B', message: 'Hi {{first_name|there}} (B)' },
      ],
      holdout: 0.05,
      experiment: { testShare: 0.1, metric: 'click_rate', waitMinutes: 60, fallback: 'first' },
    });
    const launched = await h.launch(id);
    expect(launched.body.status).toBe('running');
    const audience = launched.body.audience as number;
    const tested = rowsOf<{ n: number }>(
      await h.t.db.handle.db.execute(
        sql`select count(*)::int as n from messages where campaign_id = ${id} and variant is not null`,
      ),
    )[0].n;

    const first = await worker();
    await h.waitFor('the test phase to be sent', async () => h.stub.stats().sends === tested);
    // The test clock: the decision is due now; the worker decides (fallback first: no clicks) and sends A.
    const job = await h.t.app.get(Queues).queue(EXPERIMENT_QUEUE).getJob(`experiment-${id}`);
    await job?.promote();
    await h.waitFor('the worker to be mid-winner-phase', async () => h.stub.stats().sends >= tested + 400);
    await first.kill('SIGKILL');
    expect(h.stub.stats().sends).toBeLessThan(audience);

    await worker();
    const s = await h.settle(id, 120_000);
    const vendor = h.stub.stats();
    expect(vendor.sends).toBe(audience); // every message decided by the vendor exactly once
    // Repeats are the batches in flight at the kill (2 jobs × 50), re-read after the restart by the stalled
    // jobs and possibly by the reconciler's re-dispatch too; each repeat is answered as a replay (same key).
    expect(vendor.duplicates).toBeLessThanOrEqual(50 * 2 * 2);
    expect(vendor.replays).toBeGreaterThanOrEqual(vendor.duplicates);
    const keys = rowsOf<{ id: string }>(
      await h.t.db.handle.db.execute(sql`select id from messages where campaign_id = ${id}`),
    );
    const sendsPerKey = keys.map((r) => h.stub.record(r.id)?.sends);
    expect(sendsPerKey.filter((n) => n !== 1 && n !== 2 && n !== 3)).toEqual([]);
    expect(s).toMatchObject({ status: 'completed', audience, queued: 0, sent: audience, failed: 0 });
    expect(s['experiment']).toMatchObject({ phase: 'winner_sent', winner: 'A', reason: 'fallback_first' });
    const byVariant = rowsOf<{ variant: string; n: number; wrong: number }>(
      await h.t.db.handle.db.execute(sql`
        select variant, count(*)::int as n,
          count(*) filter (where rendered_text not like '%(' || variant || ')%')::int as wrong
        from messages where campaign_id = ${id} group by variant order by variant`),
    );
    expect(byVariant.map((r) => r.variant)).toEqual(['A', 'B']);
    expect(byVariant.reduce((a, r) => a + r.n, 0)).toBe(audience);
    expect(byVariant.every((r) => r.wrong === 0)).toBe(true);
    const heldAndSent = rowsOf<{ n: number }>(
      await h.t.db.handle.db.execute(sql`
        select count(*)::int as n from campaign_holdout h join messages m using (campaign_id, customer_id)
        where h.campaign_id = ${id}`),
    );
    expect(heldAndSent[0].n).toBe(0);
  }, 180_000);
});
