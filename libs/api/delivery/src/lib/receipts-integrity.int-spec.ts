import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { vendorSignatureHeaders, type VendorReceipt } from '@mini-crm/vendor-protocol';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

/** Issue 14: replayed inbound SMS, mismatched/late/repeated receipts, stale timestamps, crash leftovers. */
describe.each(testDrivers())('receipt and inbound integrity (%s)', (driver) => {
  let h: DeliveryHarness;
  let campaignId: string;
  let receipts: VendorReceipt[];

  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await h.t.db.handle.db.execute(query));
  const signedAt = (path: string, body: unknown, at: number) => {
    const raw = JSON.stringify(body);
    return h.t.request('POST', path, {
      raw,
      headers: { 'content-type': 'application/json', ...vendorSignatureHeaders(h.secret, raw, at) },
    });
  };
  const signed = (path: string, body: unknown) => signedAt(path, body, Date.now());
  const counters = async () => (await h.t.request('GET', '/api/delivery/counters', { token: h.token })).body;
  const message = async (id: string) =>
    (
      await q<{
        status: string;
        vendor_message_id: string | null;
        sent_at: string | null;
        delivered_at: string | null;
        opened_at: string | null;
        failed_at: string | null;
      }>(
        sql`select status, vendor_message_id, sent_at::text, delivered_at::text, opened_at::text, failed_at::text from messages where id = ${id}`,
      )
    )[0];
  const eventsOf = async (messageId: string, type: string) =>
    (
      await q<{ n: number }>(
        sql`select count(*)::int as n from message_events where message_id = ${messageId} and type = ${type}`,
      )
    )[0].n;
  const smsStatus = async (customerId: string) =>
    (await q<{ sms_status: string }>(sql`select sms_status from customers where id = ${customerId}`))[0].sms_status;
  const deliveredReceipt = () => {
    const r = receipts.find(
      (x) => x.type === 'delivered' && !receipts.some((y) => y !== x && y.idempotencyKey === x.idempotencyKey),
    );
    if (!r) throw new Error('no message with only a delivered receipt');
    return r;
  };

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { env: { VENDOR_WEBHOOK_TOLERANCE_SECONDS: '60' } });
    await seedCustomers(h.t.db.handle.db, makeCustomers(60, 'Nagpur'));
    const segmentId = await h.createSegment('Nagpur', 'Nagpur');
    campaignId = (await h.createCampaign({ name: 'Integrity', segmentId, channel: 'sms', message: 'Hi' })).id;
    expect((await h.launch(campaignId)).status).toBeLessThan(300);
    await h.settle(campaignId);
    receipts = h.stub.receipts(1000);
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('a replayed signed START (same bytes, inside the window) cannot undo a later STOP', async () => {
    const phone = '+919811100001';
    const c = await h.t.request('POST', '/api/customers', { token: h.token, body: { phone } });
    expect(c.status).toBe(201);
    const stop1 = await h.stub.inbound(phone, 'STOP');
    expect(stop1).toMatchObject({ forwarded: true, receiverStatus: 200 });
    expect(await smsStatus(c.body.id)).toBe('unsubscribed');
    const start = await h.stub.inbound(phone, 'START');
    expect(start).toMatchObject({ forwarded: true, receiverStatus: 200 });
    expect(await smsStatus(c.body.id)).toBe('subscribed');
    expect(await h.stub.inbound(phone, 'STOP')).toMatchObject({ forwarded: true, receiverStatus: 200 });
    expect(await smsStatus(c.body.id)).toBe('unsubscribed');
    const dupBefore = (await counters()).inboundDuplicate;

    // The captured START, byte for byte (valid signature and timestamp), once and then five at once.
    expect(await h.stub.replayInbound(start.id as string)).toEqual({ receiverStatus: 200 });
    const burst = await Promise.all(Array.from({ length: 5 }, () => h.stub.replayInbound(start.id as string)));
    expect(burst.map((r) => r?.receiverStatus)).toEqual([200, 200, 200, 200, 200]);
    // Re-signed now with the same id: still the same inbound message, still nothing.
    const again = await signed('/api/delivery/inbound', { id: start.id, from: phone, text: 'START' });
    expect(again.body).toEqual({ action: 'duplicate', customers: 0 });

    expect(await smsStatus(c.body.id)).toBe('unsubscribed');
    expect((await counters()).inboundDuplicate).toBe(dupBefore + 7);
    const audit = await h.t.request('GET', `/api/audit?action=customer.resubscribed`, { token: h.token });
    expect(audit.body.items.filter((a: { entityId: string }) => a.entityId === c.body.id)).toHaveLength(1);
    // A new START (another id) is a fresh consent and still works.
    expect(await h.stub.inbound(phone, 'START')).toMatchObject({ forwarded: true, receiverStatus: 200 });
    expect(await smsStatus(c.body.id)).toBe('subscribed');
  });

  it('refuses signed webhooks whose timestamp is outside VENDOR_WEBHOOK_TOLERANCE_SECONDS', async () => {
    const phone = '+919811100002';
    const c = await h.t.request('POST', '/api/customers', { token: h.token, body: { phone } });
    const rejectedBefore = (await counters()).signatureRejected;
    try {
      for (const skew of [-90_000, 90_000]) {
        h.stub.configure({ clockSkewMs: skew });
        expect(await h.stub.inbound(phone, 'STOP')).toMatchObject({ forwarded: false, receiverStatus: 401 });
      }
      expect(await smsStatus(c.body.id)).toBe('subscribed');
      h.stub.configure({ clockSkewMs: -30_000 }); // inside the 60 s window
      expect(await h.stub.inbound(phone, 'STOP')).toMatchObject({ forwarded: true, receiverStatus: 200 });
      expect(await smsStatus(c.body.id)).toBe('unsubscribed');
    } finally {
      h.stub.configure({ clockSkewMs: 0 });
    }
    const r = deliveredReceipt();
    const stale = await signedAt(
      '/api/delivery/receipts',
      { receipts: [{ ...r, id: 'stale-1', type: 'clicked' }] },
      Date.now() - 90_000,
    );
    expect(stale.status).toBe(401);
    expect(await eventsOf(r.idempotencyKey, 'clicked')).toBe(0);
    // Each refused inbound was tried 3 times by the stub; plus the stale receipt.
    expect((await counters()).signatureRejected).toBe(rejectedBefore + 7);
  });

  it('ignores a receipt under another vendor message id, and a late failed after delivery', async () => {
    const r = deliveredReceipt();
    const before = await h.stats(campaignId);
    const row = await message(r.idempotencyKey);
    expect(row).toMatchObject({ status: 'sent', vendor_message_id: r.vendorMessageId });
    expect(row.delivered_at).not.toBeNull();

    const mismatched = await signed('/api/delivery/receipts', {
      receipts: [{ ...r, id: 'mm-1', vendorMessageId: 'vm_not_this_one', type: 'failed', reason: 'forged' }],
    });
    expect(mismatched.status).toBe(200);
    expect(mismatched.body).toEqual({ received: 1, applied: 0, duplicates: 0, unknown: 0, mismatched: 1 });
    expect(await eventsOf(r.idempotencyKey, 'failed')).toBe(0);

    const late = await signed('/api/delivery/receipts', {
      receipts: [{ ...r, id: 'late-failed-1', type: 'failed', reason: 'expired', at: new Date().toISOString() }],
    });
    expect(late.status).toBe(200);
    // Recorded for the history (the vendor did say it), but the message stays delivered.
    expect(late.body).toMatchObject({ applied: 1, mismatched: 0 });
    expect(await message(r.idempotencyKey)).toEqual(row);
    expect(await h.stats(campaignId)).toEqual(before);
    expect((await counters()).receiptsMismatched).toBeGreaterThanOrEqual(1);
  });

  it('thousands of opened receipts for one message make one event and move no count twice', async () => {
    const r = deliveredReceipt();
    const opened = (id: string) => ({ ...r, id, type: 'opened', at: new Date().toISOString() });
    expect(await eventsOf(r.idempotencyKey, 'opened')).toBe(0);
    const first = await signed('/api/delivery/receipts', { receipts: [opened('open-first')] });
    expect(first.body).toMatchObject({ applied: 1 });
    expect(await eventsOf(r.idempotencyKey, 'opened')).toBe(1); // the probe counts what lands
    const stats = await h.stats(campaignId);
    const openedAt = (await message(r.idempotencyKey)).opened_at;
    expect(openedAt).not.toBeNull();
    const c0 = await counters();

    // 5 concurrent requests of 1,000 (merged into shared statements) with repeats inside each.
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, b) =>
        signed('/api/delivery/receipts', {
          receipts: Array.from({ length: 1000 }, (_, i) => opened(`open-${b}-${i % 900}`)),
        }),
      ),
    );
    for (const res of results) expect(res.body).toMatchObject({ received: 1000, applied: 0, duplicates: 1000 });
    expect(await eventsOf(r.idempotencyKey, 'opened')).toBe(1);
    expect((await message(r.idempotencyKey)).opened_at).toBe(openedAt);
    expect(await h.stats(campaignId)).toEqual(stats);
    const c1 = await counters();
    expect(c1.receiptsApplied).toBe(c0.receiptsApplied);
    expect(c1.receiptsDuplicate).toBe(c0.receiptsDuplicate + 5000);
    // The database itself refuses a second event of a kind (in the message's month partition, as writers store it).
    await expect(
      h.t.db.handle.db.execute(
        sql`insert into message_events (message_id, message_month, receipt_id, type)
          select id, message_month_of(queued_at), 'open-direct', 'opened' from messages where id = ${r.idempotencyKey}`,
      ),
    ).rejects.toThrow();
  });

  it('a receipt for a message still queued after a crash sets its vendor id and sent time', async () => {
    const c = await h.t.request('POST', '/api/customers', { token: h.token, body: { phone: '+919811100003' } });
    const id = randomUUID();
    // The state a kill -9 leaves: the vendor accepted the message, its outcome was never recorded.
    await h.t.db.handle.db.execute(
      sql`insert into messages (id, campaign_id, customer_id, recipient, status) values (${id}, ${campaignId}, ${c.body.id}, '+919811100003', 'queued')`,
    );
    const before = await h.stats(campaignId);
    const at = '2026-01-02T03:04:05.000Z';
    const res = await signed('/api/delivery/receipts', {
      receipts: [
        { id: 'crash-d', vendorMessageId: 'vm_crash_1', idempotencyKey: id, type: 'delivered', at },
        { id: 'crash-x', vendorMessageId: 'vm_crash_other', idempotencyKey: id, type: 'clicked', at },
      ],
    });
    expect(res.body).toEqual({ received: 2, applied: 1, duplicates: 0, unknown: 0, mismatched: 1 });
    const row = await message(id);
    expect(row).toMatchObject({ status: 'sent', vendor_message_id: 'vm_crash_1' });
    expect(new Date(row.sent_at as string).toISOString()).toBe(at);
    expect(new Date(row.delivered_at as string).toISOString()).toBe(at);
    const after = await h.stats(campaignId);
    expect(after['sent']).toBe(Number(before['sent']) + 1);
    expect(after['delivered']).toBe(Number(before['delivered']) + 1);
    // From now on the message's id is fixed: another vendor id is mismatched.
    const other = await signed('/api/delivery/receipts', {
      receipts: [{ id: 'crash-y', vendorMessageId: 'vm_crash_other', idempotencyKey: id, type: 'clicked', at }],
    });
    expect(other.body).toMatchObject({ applied: 0, mismatched: 1 });
  });
});
