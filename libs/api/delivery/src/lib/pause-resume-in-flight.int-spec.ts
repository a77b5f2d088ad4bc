import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

const BATCH = 20;

/**
 * Pause and resume while the vendor still holds the campaign's batches: resume dispatches every
 * still-queued message again, and those in flight are still queued. The vendor must get each
 * message once (its own count per idempotency key), not once per job that read it as queued.
 */
describe.each(testDrivers())('pause → resume while batches are in flight (%s)', (driver) => {
  let h: DeliveryHarness;
  let segmentId: string;

  beforeAll(async () => {
    // Enough workers that resume's jobs run at once, beside the ones waiting on the vendor.
    h = await startDeliveryHarness(driver, {
      env: { DELIVERY_BATCH_SIZE: String(BATCH), DELIVERY_CONCURRENCY: '16' },
    });
    await seedCustomers(h.t.db.handle.db, makeCustomers(100, 'Pune'));
    segmentId = await h.createSegment('Pune', 'Pune');
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('sends every message to the vendor exactly once', async () => {
    h.stub.reset();
    h.stub.configure({ latencyMs: 4000 });
    let audience = 0;
    let id = '';
    try {
      ({ id } = await h.createCampaign({
        name: 'In flight',
        segmentId,
        channel: 'sms',
        message: 'Hi {{first_name|there}}',
      }));
      const launched = await h.launch(id);
      expect(launched.status).toBe(200);
      audience = launched.body.audience as number;
      const jobs = Math.ceil(audience / BATCH);
      expect(jobs).toBeGreaterThan(1);
      await h.waitFor('every batch in the vendor’s hands', async () => h.stub.stats().requestsInFlight === jobs);

      expect((await h.t.request('POST', `/api/campaigns/${id}/pause`, { token: h.token })).status).toBe(200);
      expect((await h.t.request('POST', `/api/campaigns/${id}/resume`, { token: h.token })).status).toBe(200);
      // The race really was on: nothing decided yet, every message still queued when resume dispatched.
      expect(h.stub.stats().sends).toBe(0);
    } finally {
      h.stub.configure({ latencyMs: 0 });
    }

    const s = await h.settle(id);
    expect(s).toMatchObject({ status: 'completed', audience, queued: 0 });
    expect(Number(s['sent']) + Number(s['failed'])).toBe(audience);
    const ids = rowsOf<{ id: string }>(
      await h.t.db.handle.db.execute(sql`select id from messages where campaign_id = ${id}`),
    ).map((r) => r.id);
    expect(ids).toHaveLength(audience);
    // The vendor's own count per message: one send each, no idempotent repeats.
    const sendsPerMessage = ids.map((m) => h.stub.record(m)?.sends ?? 0);
    expect(sendsPerMessage.filter((n) => n !== 1)).toEqual([]);
    expect(h.stub.stats()).toMatchObject({ sends: audience, duplicates: 0, replays: 0 });
    // Nothing stays claimed once the campaign is done.
    const claimed = rowsOf<{ n: number }>(
      await h.t.db.handle.db.execute(
        sql`select count(*)::int as n from messages where campaign_id = ${id} and status = 'queued' and claimed_by is not null`,
      ),
    );
    expect(Number(claimed[0].n)).toBe(0);
  });
});
