import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { predictVendorFate } from '@mini-crm/vendor-stub';
import {
  DeliveryHarness,
  makeCustomers,
  seedCustomers,
  startDeliveryHarness,
  STUB_RATES,
} from '../testing/delivery-harness';

const N = 400;

describe.each(testDrivers())('campaign delivery end to end (%s)', (driver) => {
  let h: DeliveryHarness;
  let segmentId: string;

  beforeAll(async () => {
    h = await startDeliveryHarness(driver);
    await seedCustomers(h.t.db.handle.db, [...makeCustomers(N, 'Pune'), ...makeCustomers(50, 'Delhi', N)]);
    segmentId = await h.createSegment('Pune', 'Pune');
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('rejects unknown tokens at save time, naming them', async () => {
    const res = await h.t.request('POST', '/api/campaigns', {
      token: h.token,
      body: {
        name: 'x',
        segmentId,
        channel: 'sms',
        message: 'Hi {{first_name}} {{favourite_colour|blue}} {{attributes.tier}}',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('{{favourite_colour}}');
    expect(res.body.details).toEqual([{ path: 'message', message: 'unknown token {{favourite_colour}}' }]);
  });

  it('sends an SMS campaign through the vendor exactly once and reconciles stats with the audience', async () => {
    const { id } = await h.createCampaign({
      name: 'Hello Pune',
      segmentId,
      channel: 'sms',
      message: 'Hi {{first_name|there}}, {{city}} deal: {{attributes.tier|none}}',
    });
    const launched = await h.launch(id);
    expect(launched.status).toBe(200);
    expect(launched.body.status).toBe('running');

    const eligible = makeCustomers(N).filter((c) => c.phone && c.smsStatus === 'subscribed').length;
    expect(launched.body.audience).toBe(eligible);
    expect(launched.body.suppressed).toBe(N - eligible);

    // Mid-flight snapshots already reconcile.
    const mid = await h.stats(id);
    expect(Number(mid['queued']) + Number(mid['sent']) + Number(mid['failed'])).toBe(eligible);

    const s = await h.settle(id);
    const ids = rowsOf<{ id: string }>(
      await h.t.db.handle.db.execute(sql`select id from messages where campaign_id = ${id}`),
    );
    const fates = ids.map((r) => predictVendorFate(r.id, 'sms', STUB_RATES));
    const rejected = fates.filter((f) => f.fate === 'rejected').length;
    const failedReceipts = fates.filter((f) => f.fate === 'failed').length;
    const delivered = fates.filter((f) => f.fate === 'delivered');
    expect(s).toMatchObject({
      status: 'completed',
      audience: eligible,
      suppressed: N - eligible,
      queued: 0,
      failed: rejected + failedReceipts,
      sent: eligible - rejected - failedReceipts,
      delivered: delivered.length,
      // Opens and clicks come only from our own tracking: an SMS without a link has none.
      opened: 0,
      clicked: 0,
    });
    expect(rejected + failedReceipts).toBeGreaterThan(0);
    expect(s['finishedAt']).toEqual(expect.any(String));

    const vendor = h.stub.stats();
    expect(vendor.sends).toBe(eligible);
    expect(vendor.duplicates).toBe(0);

    // Personalized, with fallbacks.
    const page = await h.t.request('GET', `/api/campaigns/${id}/messages?limit=500`, { token: h.token });
    expect(page.status).toBe(200);
    const byName = new Map(
      page.body.items.map((m: { customerName: string; renderedText: string }) => [m.customerName, m.renderedText]),
    );
    expect(byName.get('Name1 Last1')).toBe('Hi Name1, Pune deal: gold');
    expect(byName.get('Last14')).toBe('Hi there, Pune deal: silver');
    const failed = await h.t.request('GET', `/api/campaigns/${id}/messages?status=failed&limit=2`, { token: h.token });
    expect(failed.body.items).toHaveLength(2);
    expect(failed.body.items[0].failureReason).toMatch(
      /invalid_recipient|carrier_blocked|unreachable_handset|carrier_timeout/,
    );
    const next = await h.t.request(
      'GET',
      `/api/campaigns/${id}/messages?status=failed&limit=2&cursor=${failed.body.nextCursor}`,
      { token: h.token },
    );
    expect(next.body.items[0].id).not.toBe(failed.body.items[1].id);

    // A customer's history shows the message.
    const customerId = page.body.items[0].customerId;
    const history = await h.t.request('GET', `/api/customers/${customerId}/messages`, { token: h.token });
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({ campaignId: id, campaignName: 'Hello Pune' });

    // The SSE stream (EventSource passes a single-use ticket, never a token) ends with the final stats.
    const { ticket } = (await h.t.request('POST', '/api/auth/stream-ticket', { token: h.token })).body;
    const stream = await fetch(`${h.t.baseUrl}/api/campaigns/${id}/stats/stream?ticket=${ticket}`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const body = await stream.text();
    expect(body).toMatch(/^event: stats$/m);
    const event = /^data: (.+)$/m.exec(body);
    expect(JSON.parse(event?.[1] ?? '{}')).toMatchObject({ status: 'completed', queued: 0, audience: eligible });
    expect((await fetch(`${h.t.baseUrl}/api/campaigns/${id}/stats/stream`)).status).toBe(401);
    expect((await fetch(`${h.t.baseUrl}/api/campaigns/${id}/stats/stream?ticket=${ticket}`)).status).toBe(401);
    expect((await fetch(`${h.t.baseUrl}/api/campaigns/${id}/stats/stream?access_token=${h.token}`)).status).toBe(401);
    expect((await fetch(`${h.t.baseUrl}/api/campaigns/${id}/stats?access_token=${h.token}`)).status).toBe(401);

    // Lifecycle: a completed campaign cannot be paused, edited or launched again.
    expect((await h.t.request('POST', `/api/campaigns/${id}/pause`, { token: h.token })).status).toBe(409);
    expect((await h.t.request('PATCH', `/api/campaigns/${id}`, { token: h.token, body: { name: 'y' } })).status).toBe(
      409,
    );
    expect((await h.launch(id)).status).toBe(409);
  });
});
