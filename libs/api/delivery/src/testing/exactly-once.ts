import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { predictVendorFate } from '@mini-crm/vendor-stub';
import type { CampaignStatsDto } from '@mini-crm/contracts';
import { DeliveryHarness, STUB_RATES } from './delivery-harness';

/**
 * Every message is decided by the vendor exactly once. `resentAtMost`: a worker killed between the
 * vendor's answer and our UPDATE sends those messages again with the same key (answered as replays),
 * so a crash may repeat at most the messages it had in flight; without a crash nothing is repeated.
 */
export async function expectExactlyOnce(h: DeliveryHarness, id: string, s: CampaignStatsDto, resentAtMost = 0) {
  const rows = rowsOf<{ id: string }>(
    await h.t.db.handle.db.execute(sql`select id from messages where campaign_id = ${id}`),
  );
  const audience = rows.length;
  const fates = rows.map((r) => predictVendorFate(r.id, 'sms', STUB_RATES));
  const failed = fates.filter((f) => f.fate !== 'delivered').length;
  const vendor = h.stub.stats();
  expect(vendor.duplicates).toBeLessThanOrEqual(resentAtMost);
  expect(vendor.replays).toBeGreaterThanOrEqual(vendor.duplicates); // every repeat was answered idempotently
  expect(vendor.sends).toBe(audience); // every message was decided by the vendor exactly once
  expect(s).toMatchObject({
    status: 'completed',
    audience,
    queued: 0,
    failed,
    sent: audience - failed,
    delivered: audience - failed,
  });
  const sendsPerKey = rows.map((r) => h.stub.record(r.id)?.sends);
  expect(sendsPerKey.filter((n) => n !== 1 && n !== 2)).toEqual([]); // every key sent, none more than twice
  expect(sendsPerKey.filter((n) => n === 2)).toHaveLength(vendor.duplicates);
}
