import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { vendorSignatureHeaders } from '@mini-crm/vendor-protocol';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

/**
 * The hourly rollup (`campaign_hourly_stats`) is written by the statements that move messages; after
 * a whole campaign with vendor rejections, failed receipts (sent → failed), ignored late failures of
 * delivered messages and replayed receipts, its sent/delivered/failed equal the `messages` aggregate, in total and per hour.
 */
describe.each(testDrivers())('delivery rollups reconcile with messages (%s)', (driver) => {
  let h: DeliveryHarness;
  let segmentId: string;

  const signed = (body: unknown) => {
    const raw = JSON.stringify(body);
    return h.t.request('POST', '/api/delivery/receipts', {
      raw,
      headers: {
        'content-type': 'application/json',
        ...(vendorSignatureHeaders(h.secret, raw) as Record<string, string>),
      },
    });
  };
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await h.t.db.handle.db.execute(query));

  /** Per hour: sent/delivered/failed from messages (the stats' meaning) and from the rollup. */
  const perHour = async (id: string) => {
    const raw = await q<Record<string, string>>(sql`
      with ev as (
        select sent_at as at, 1 as sent, 0 as delivered, 0 as failed from messages where campaign_id = ${id} and status not in ('queued', 'failed')
        union all select delivered_at, 0, 1, 0 from messages where campaign_id = ${id} and status <> 'failed' and delivered_at is not null
        union all select failed_at, 0, 0, 1 from messages where campaign_id = ${id} and status = 'failed'
      ) select date_trunc('hour', at, 'UTC') as hour, sum(sent)::int as sent, sum(delivered)::int as delivered, sum(failed)::int as failed
      from ev group by 1 order by 1`);
    const rollup = await q<Record<string, string>>(sql`
      select hour, sent, delivered, failed from campaign_hourly_stats
      where campaign_id = ${id} and (sent <> 0 or delivered <> 0 or failed <> 0) order by hour`);
    const norm = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({
        hour: new Date(r['hour'] as string).toISOString(),
        sent: Number(r['sent']),
        delivered: Number(r['delivered']),
        failed: Number(r['failed']),
      }));
    return { raw: norm(raw), rollup: norm(rollup) };
  };

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { env: { DELIVERY_BATCH_SIZE: '25' } });
    await seedCustomers(h.t.db.handle.db, makeCustomers(300, 'Pune'));
    segmentId = await h.createSegment('Pune', 'Pune');
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('counts sent, delivered and failed exactly once, through late failures and replays', async () => {
    const { id } = await h.createCampaign({
      name: 'Rollup',
      segmentId,
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
    });
    expect((await h.launch(id)).status).toBe(200);
    await h.settle(id);

    const real = h.stub.receipts(10_000);
    const delivered = real.filter((r) => r.type === 'delivered').slice(0, 15);
    expect(delivered.length).toBe(15);
    const before = await h.stats(id);
    // Late failures of delivered messages, one of them twice in a batch: stored once per message as
    // events, but a delivered message never moves back to failed (issue 14), so no count changes.
    const late = delivered
      .slice(0, 10)
      .map((r, i) => ({ ...r, id: `${r.id}-late`, type: 'failed', reason: `bounce ${i}` }));
    const first = await signed({ receipts: [...late, { ...late[0], id: `${late[0].id}-again` }] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: 10, duplicates: 1 });
    // Replays: every receipt the vendor sent, and the late failures again.
    const replay = await signed({ receipts: [...real.slice(0, 200), ...late] });
    expect(replay.status).toBe(200);
    expect(replay.body.applied).toBe(0);
    // A second delivered receipt (new id) for an already delivered message is a repeat: nothing applied.
    const twice = await signed({ receipts: delivered.slice(10).map((r) => ({ ...r, id: `${r.id}-dup` })) });
    expect(twice.body).toMatchObject({ applied: 0, duplicates: 5 });
    expect(await h.stats(id)).toEqual(before);

    const stats = await h.stats(id);
    const totals = (
      await q<Record<string, string>>(sql`
        select coalesce(sum(sent), 0)::int as sent, coalesce(sum(delivered), 0)::int as delivered, coalesce(sum(failed), 0)::int as failed
        from campaign_hourly_stats where campaign_id = ${id}`)
    )[0];
    expect({
      sent: Number(totals['sent']),
      delivered: Number(totals['delivered']),
      failed: Number(totals['failed']),
    }).toEqual({
      sent: stats['sent'],
      delivered: stats['delivered'],
      failed: stats['failed'],
    });
    expect(Number(stats['queued']) + Number(stats['sent']) + Number(stats['failed'])).toBe(stats['audience']);
    expect(Number(stats['failed'])).toBeGreaterThan(10);
    const { raw, rollup } = await perHour(id);
    expect(rollup).toEqual(raw);
  });
});
