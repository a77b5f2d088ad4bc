import { Webhook } from 'standardwebhooks';
import { waitUntil, type TestApp } from '@mini-crm/api/testing';
import { startDeliveryHarness, type DeliveryHarness } from '@mini-crm/api/delivery/testing';
import { testDrivers } from '@mini-crm/api/testing';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';

/**
 * Issue 15's "done when": a system holding only an API key creates customers and orders in batches,
 * builds a segment, launches a campaign (with an Idempotency-Key) and receives signed
 * `campaign.completed` and `message.delivered` webhooks it verifies with the standardwebhooks package.
 */
describe.each(testDrivers())('an integration that holds only an API key (%s)', (driver) => {
  let h: DeliveryHarness;
  let t: TestApp;
  let rx: WebhookReceiver;

  beforeAll(async () => {
    rx = await startWebhookReceiver();
    h = await startDeliveryHarness(driver, {
      env: { WEBHOOK_ALLOW_PRIVATE: 'true' },
      stub: { failRate: 0, openRate: 0, clickRate: 0 },
    });
    t = h.t;
  });
  afterAll(async () => {
    await h?.close();
    await rx?.close();
  });

  it('batches customers and orders, launches a campaign, and verifies the signed webhooks', async () => {
    // The admin's part, once, in the console: a marketer key and a webhook endpoint.
    const key = await t.request('POST', '/api/api-keys', {
      token: h.token,
      body: { name: 'Shop backend', role: 'marketer' },
    });
    expect(key.status).toBe(201);
    const hook = await t.request('POST', '/api/webhooks', {
      token: h.token,
      body: { url: rx.url('/shop'), events: ['campaign.completed', 'message.delivered'] },
    });
    expect(hook.status).toBe(201);

    // From here on, only the key.
    const asShop = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      t.request(method, path, { body, headers: { 'x-api-key': key.body.key, ...headers } });
    const records = Array.from({ length: 40 }, (_, i) => ({
      externalId: `shop-${i}`,
      email: `buyer${i}@shop.example`,
      phone: `+9198765${String(10000 + i)}`,
      firstName: `Buyer${i}`,
      city: 'Surat',
    }));
    const customers = await asShop('POST', '/api/customers/batch', {
      records: [...records, { externalId: 'shop-bad', email: 'not-an-email' }],
    });
    expect(customers.status).toBe(200);
    expect(customers.body).toMatchObject({ created: 40, invalid: 1 });
    expect(customers.body.results[40]).toMatchObject({ index: 40, status: 'invalid' });

    const orders = await asShop('POST', '/api/orders/batch', {
      records: records.slice(0, 10).map((r, i) => ({
        externalId: `order-${i}`,
        customerExternalId: r.externalId,
        amount: 100 + i,
        orderedAt: '2026-11-20T10:00:00Z',
      })),
    });
    expect(orders.status).toBe(200);
    expect(orders.body).toMatchObject({ created: 10, invalid: 0 });

    const segment = await asShop('POST', '/api/segment-rules', {
      name: 'Surat shoppers',
      rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Surat' }] },
    });
    expect(segment.status).toBe(201);
    const campaign = await asShop('POST', '/api/campaigns', {
      name: 'Diwali offer',
      segmentId: segment.body.id,
      channel: 'sms',
      message: 'Hi {{first_name|there}}, 10% off this week',
    });
    expect(campaign.status).toBe(201);
    const launch = () =>
      asShop('POST', `/api/campaigns/${campaign.body.id}/launch`, {}, { 'idempotency-key': 'diwali-launch-1' });
    const launched = await launch();
    expect(launched.status).toBe(200);
    const retried = await launch(); // a client retry after a timeout: same answer, no second launch
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    await h.settle(campaign.body.id);

    const received = await waitUntil('campaign.completed at the shop', async () => {
      const all = rx.received('/shop');
      return all.some((r) => r.json.type === 'campaign.completed') && all;
    });
    const verifier = new Webhook(hook.body.secret);
    for (const r of received) expect(verifier.verify(r.body, r.headers)).toBeTruthy();
    // a forged body does not verify: the check above can fail
    expect(() => verifier.verify(received[0].body.replace('"type"', '"typ"'), received[0].headers)).toThrow();

    const deliveredIds = await waitUntil('every message.delivered item', async () => {
      const ids = rx
        .received('/shop')
        .filter((r) => r.json.type === 'message.delivered')
        .flatMap((r) => (r.json.data['items'] as Array<{ messageId: string }>).map((i) => i.messageId));
      return ids.length >= 40 && ids;
    });
    expect(new Set(deliveredIds).size).toBe(40);
    const completed = received.find((r) => r.json.type === 'campaign.completed');
    expect(completed?.json.data['campaign']).toMatchObject({ id: campaign.body.id, status: 'completed', audience: 40 });
  });
});
