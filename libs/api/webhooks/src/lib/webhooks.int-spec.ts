import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { rowsOf } from '@mini-crm/db';
import { signInTeam, startTestApp, testDrivers, waitUntil, type TestApp } from '@mini-crm/api/testing';
import {
  makeCustomers,
  seedCustomers,
  startDeliveryHarness,
  type DeliveryHarness,
} from '@mini-crm/api/delivery/testing';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';
import { sendSigned } from './delivery/webhook-sender';

const verify = (secret: string, r: { body: string; headers: Record<string, string> }) =>
  new Webhook(secret).verify(r.body, r.headers);

describe.each(testDrivers())('outgoing webhooks (%s)', (driver) => {
  let h: DeliveryHarness;
  let t: TestApp;
  let admin: string;
  let rx: WebhookReceiver;

  beforeAll(async () => {
    rx = await startWebhookReceiver();
    h = await startDeliveryHarness(driver, {
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_RETRY_SCHEDULE_SECONDS: '0.1,0.1,0.1,0.1',
        WEBHOOK_DISABLE_AFTER_FAILURES: '3',
      },
      stub: { failRate: 0.1, openRate: 0, clickRate: 0 },
    });
    t = h.t;
    admin = h.token;
  });
  afterAll(async () => {
    await h?.close();
    await rx?.close();
  });

  async function subscribe(path: string, events: string[]): Promise<{ id: string; secret: string }> {
    const res = await t.request('POST', '/api/webhooks', { token: admin, body: { url: rx.url(path), events } });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    return res.body;
  }
  const log = async (id: string) => (await t.request('GET', `/api/webhooks/${id}/deliveries`, { token: admin })).body;
  const receivedAt = (path: string, n: number) =>
    waitUntil(`${n} request(s) at ${path}`, async () => rx.received(path).length >= n && rx.received(path));

  it('customer.created arrives signed (Standard Webhooks); the secret is shown once', async () => {
    const hook = await subscribe('/customers', ['customer.created', 'customer.deleted']);
    const got = await t.request('GET', `/api/webhooks/${hook.id}`, { token: admin });
    expect(got.body).toMatchObject({ id: hook.id, enabled: true, events: ['customer.created', 'customer.deleted'] });
    expect(JSON.stringify(got.body)).not.toContain(hook.secret);
    expect(JSON.stringify((await t.request('GET', '/api/webhooks', { token: admin })).body)).not.toContain('whsec_');

    const c = await t.request('POST', '/api/customers', { token: admin, body: { email: 'hook@example.com' } });
    expect(c.status).toBe(201);
    const [r] = await receivedAt('/customers', 1);
    expect(r.json).toMatchObject({
      id: r.headers['webhook-id'],
      type: 'customer.created',
      data: { customer: { id: c.body.id, email: 'hook@example.com' } },
    });
    expect(r.headers['webhook-signature']).toMatch(/^v1,\S+$/);
    expect(verify(hook.secret, r)).toMatchObject({ type: 'customer.created' });
    // The check catches a wrong secret and a changed body.
    expect(() => verify(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, r)).toThrow();
    expect(() => verify(hook.secret, { ...r, body: r.body.replace('hook@', 'evil@') })).toThrow();

    const entries = await waitUntil(
      'the logged attempt',
      async () => (await log(hook.id)).items.length && log(hook.id),
    );
    expect(entries.items[0]).toMatchObject({
      eventId: r.headers['webhook-id'],
      eventType: 'customer.created',
      attempt: 1,
      ok: true,
      statusCode: 200,
      responseExcerpt: 'ok',
      error: null,
    });
    expect(entries.items[0].durationMs).toBeGreaterThanOrEqual(0);

    // Redeliver: the same event (same webhook-id) again, logged as attempt 2.
    const again = await t.request('POST', `/api/webhooks/${hook.id}/deliveries/${entries.items[0].id}/redeliver`, {
      token: admin,
    });
    expect(again.status).toBe(202);
    const both = await receivedAt('/customers', 2);
    expect(both[1].headers['webhook-id']).toBe(r.headers['webhook-id']);
    expect(verify(hook.secret, both[1])).toMatchObject({ type: 'customer.created' });
    const after = await waitUntil('two logged attempts', async () => {
      const l = await log(hook.id);
      return l.items.length >= 2 && l;
    });
    expect(after.items.map((i: { attempt: number }) => i.attempt)).toEqual([2, 1]);

    expect((await t.request('DELETE', `/api/customers/${c.body.id}`, { token: admin })).status).toBe(204);
    const deleted = await receivedAt('/customers', 3);
    expect(deleted[2].json).toMatchObject({ type: 'customer.deleted', data: { customerId: c.body.id } });
  });

  it('import.completed, customer.updated and customer.unsubscribed arrive; imported rows raise no customer.created', async () => {
    const hook = await subscribe('/domain', [
      'import.completed',
      'customer.updated',
      'customer.unsubscribed',
      'customer.created',
    ]);
    const form = new FormData();
    form.append('file', new Blob(['email\nimp1@example.com\nimp2@example.com\n'], { type: 'text/csv' }), 'two.csv');
    form.append('kind', 'customers');
    const imp = await t.request('POST', '/api/imports', { token: admin, raw: form });
    expect(imp.status).toBe(202);
    const [done] = await receivedAt('/domain', 1);
    expect(done.json).toMatchObject({
      type: 'import.completed',
      data: { importId: imp.body.id, fileName: 'two.csv', status: 'completed', counts: { inserted: 2, failed: 0 } },
    });
    expect(verify(hook.secret, done)).toBeTruthy();

    const c = await t.request('POST', '/api/customers', { token: admin, body: { email: 'later@example.com' } });
    await receivedAt('/domain', 2);
    const consent = await t.request('POST', `/api/customers/${c.body.id}/consent`, {
      token: admin,
      body: { channel: 'email', status: 'unsubscribed', source: 'phone call' },
    });
    expect(consent.status).toBe(200);
    await receivedAt('/domain', 3);
    const patch = await t.request('PATCH', `/api/customers/${c.body.id}`, {
      token: admin,
      body: { firstName: 'Lata' },
    });
    expect(patch.status).toBe(200);
    const all = await receivedAt('/domain', 4);
    expect(all.map((r) => r.json.type)).toEqual([
      'import.completed',
      'customer.created',
      'customer.unsubscribed',
      'customer.updated',
    ]);
    expect(all[1].json.data).toMatchObject({ customer: { email: 'later@example.com' } });
    expect(all[2].json.data).toEqual({ customerId: c.body.id, channel: 'email', source: 'phone call' });
    expect(all[3].json.data).toMatchObject({ customer: { id: c.body.id, firstName: 'Lata' }, changed: ['firstName'] });
  });

  it('a batch upsert raises the events the single routes do: created, updated with its fields, unsubscribed; nothing for invalid or unchanged records', async () => {
    const hook = await subscribe('/batch', ['customer.created', 'customer.updated', 'customer.unsubscribed']);
    const seed = await t.request('POST', '/api/customers/batch', {
      token: admin,
      body: {
        records: [
          { externalId: 'b-1', email: 'b1@example.com' },
          { externalId: 'b-4', email: 'b4@example.com', city: 'Goa' },
        ],
      },
    });
    expect(seed.body).toMatchObject({ created: 2 });
    const seeded = await receivedAt('/batch', 2);
    expect(seeded.map((r) => [r.json.type, (r.json.data.customer as { id: string }).id]).sort()).toEqual(
      seed.body.results.map((r: { id: string }) => ['customer.created', r.id]).sort(),
    );
    expect(verify(hook.secret, seeded[0])).toBeTruthy();

    const res = await t.request('POST', '/api/customers/batch', {
      token: admin,
      body: {
        records: [
          { externalId: 'b-1', city: 'Pune', emailStatus: 'unsubscribed' },
          { externalId: 'b-2', email: 'b2@example.com' },
          { externalId: 'b-3', email: 'not an email' },
          { externalId: 'b-4', email: 'b4@example.com', city: 'Goa' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status).sort()).toEqual(
      ['created', 'invalid', 'unchanged', 'updated'].sort(),
    );
    const b1 = seed.body.results[0].id;
    const b2 = res.body.results.find((r: { status: string }) => r.status === 'created').id;
    const all = await receivedAt('/batch', 5);
    const events = all.slice(2).map((r) => r.json);
    expect(events.map((e) => e.type).sort()).toEqual(['customer.created', 'customer.unsubscribed', 'customer.updated']);
    const dataOf = (type: string) => events.find((e) => e.type === type)?.data as Record<string, unknown>;
    expect(dataOf('customer.created')).toMatchObject({ customer: { id: b2 } });
    const updated = dataOf('customer.updated') as { customer: unknown; changed: string[] };
    expect(updated.customer).toMatchObject({ id: b1, city: 'Pune', emailStatus: 'unsubscribed' });
    expect([...updated.changed].sort()).toEqual(['city', 'emailStatus', 'externalId']);
    expect(dataOf('customer.unsubscribed')).toEqual({
      customerId: b1,
      channel: 'email',
      source: 'admin',
    });
    // The unchanged record and the invalid one raised nothing: no fifth request arrives after a marker event.
    await t.request('POST', '/api/customers', { token: admin, body: { email: 'marker@example.com' } });
    const withMarker = await receivedAt('/batch', 6);
    expect(withMarker[5].json.data).toMatchObject({ customer: { email: 'marker@example.com' } });
    expect(rx.received('/batch')).toHaveLength(6);
  });

  it('retries a 500 with backoff until it succeeds, logging every attempt', async () => {
    rx.script('/flaky', [500, 503]);
    const hook = await subscribe('/flaky', ['customer.updated']);
    const test = await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: admin });
    expect(test.status).toBe(202);
    const got = await receivedAt('/flaky', 3);
    expect(new Set(got.map((g) => g.headers['webhook-id']))).toEqual(new Set([test.body.eventId]));
    expect(got[0].json.type).toBe('webhook.test');
    const entries = await waitUntil('three logged attempts', async () => {
      const l = await log(hook.id);
      return l.items.length >= 3 && l.items;
    });
    expect(entries.map((e: Record<string, unknown>) => [e['attempt'], e['statusCode'], e['ok']])).toEqual([
      [3, 200, true],
      [2, 503, false],
      [1, 500, false],
    ]);
    expect(entries[1].responseExcerpt.length).toBeLessThanOrEqual(1024);
    expect(entries[1].responseExcerpt).toMatch(/^nope 503/);
    expect(entries[1].error).toBe('HTTP 503');
    const endpoint = (await t.request('GET', `/api/webhooks/${hook.id}`, { token: admin })).body;
    expect(endpoint).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });

  it('disables an endpoint after WEBHOOK_DISABLE_AFTER_FAILURES consecutive failures, audited; re-enabling resets it', async () => {
    rx.always('/down', 500);
    const hook = await subscribe('/down', ['customer.updated']);
    await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: admin });
    const disabled = await waitUntil('the endpoint to be disabled', async () => {
      const e = (await t.request('GET', `/api/webhooks/${hook.id}`, { token: admin })).body;
      return !e.enabled && e;
    });
    expect(disabled.consecutiveFailures).toBe(3);
    expect(disabled.disabledReason).toMatch(/after 3 consecutive failed deliveries/);
    const audit = await t.request('GET', '/api/audit?action=webhook.disabled', { token: admin });
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'webhook.disabled', entityId: hook.id, actorEmail: null }),
    ]);
    // No fourth attempt although the schedule allows one: the endpoint is off.
    await waitUntil('the retry job to be dropped', async () => {
      const rows = rowsOf<{ status: string }>(
        await t.db.handle.db.execute(sql`select status from webhook_messages where endpoint_id = ${hook.id}`),
      );
      return rows[0]?.status === 'failed' || rows[0]?.status === 'dropped';
    });
    expect(rx.received('/down')).toHaveLength(3);

    rx.always('/down', 200);
    const back = await t.request('PATCH', `/api/webhooks/${hook.id}`, { token: admin, body: { enabled: true } });
    expect(back.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
  });

  it('rotation: the old and the new secret both sign during the overlap', async () => {
    const hook = await subscribe('/rotate', ['customer.updated']);
    const rotated = await t.request('POST', `/api/webhooks/${hook.id}/rotate-secret`, { token: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: admin });
    const [r] = await receivedAt('/rotate', 1);
    expect(r.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verify(rotated.body.secret, r)).toBeTruthy();
    expect(verify(hook.secret, r)).toBeTruthy();
  });

  it('message.delivered comes in batches of at most 100, every delivered message once; campaign lifecycle events', async () => {
    const hook = await subscribe('/messages', ['message.delivered', 'campaign.launched', 'campaign.completed']);
    await seedCustomers(t.db.handle.db, makeCustomers(260, 'Nashik'));
    const segmentId = await h.createSegment('Nashik', 'Nashik');
    const campaign = await h.createCampaign({
      name: 'Hooks',
      segmentId,
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
    });
    expect((await h.launch(campaign.id)).status).toBe(200);
    await h.settle(campaign.id);
    const delivered = rowsOf<{ id: string }>(
      await t.db.handle.db.execute(
        sql`select id from messages where campaign_id = ${campaign.id} and delivered_at is not null and status <> 'failed'`,
      ),
    ).map((r) => r.id);
    expect(delivered.length).toBeGreaterThan(150);
    const items = () =>
      rx
        .received('/messages')
        .filter((r) => r.json.type === 'message.delivered')
        .flatMap((r) => (r.json.data['items'] as Array<{ messageId: string; campaignId: string }>) ?? []);
    await waitUntil('every delivered message announced', async () => items().length >= delivered.length);
    const batches = rx.received('/messages').filter((r) => r.json.type === 'message.delivered');
    for (const b of batches) {
      expect(verify(hook.secret, b)).toBeTruthy();
      expect((b.json.data['items'] as unknown[]).length).toBeLessThanOrEqual(100);
    }
    expect(batches.length).toBeGreaterThanOrEqual(Math.ceil(delivered.length / 100));
    const ids = items().map((i) => i.messageId);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(delivered));
    expect(new Set(items().map((i) => i.campaignId))).toEqual(new Set([campaign.id]));
    const lifecycle = await waitUntil('campaign.completed', async () => {
      const types = rx.received('/messages').map((r) => r.json.type);
      return types.includes('campaign.completed') && types;
    });
    expect(lifecycle).toContain('campaign.launched');
  });

  it('order.attributed arrives once per order a campaign earned, after the booking commits', async () => {
    const hook = await subscribe('/orders', ['order.attributed']);
    await seedCustomers(t.db.handle.db, makeCustomers(5, 'Rajkot', 90_000));
    const segmentId = await h.createSegment('Rajkot', 'Rajkot');
    const campaign = await h.createCampaign({ name: 'Earns', segmentId, channel: 'sms', message: 'Sale today' });
    expect((await h.launch(campaign.id)).status).toBe(200);
    await h.settle(campaign.id);
    const reached = rowsOf<{ id: string; customer_id: string }>(
      await t.db.handle.db.execute(
        sql`select id, customer_id from messages where campaign_id = ${campaign.id} and delivered_at is not null and status <> 'failed' order by id limit 2`,
      ),
    );
    expect(reached).toHaveLength(2);
    const stranger = await t.request('POST', '/api/customers', {
      token: admin,
      body: { email: 'no-message@example.com' },
    });
    const orderedAt = new Date(Date.now() + 1000).toISOString();
    const booked = await t.request('POST', '/api/orders', {
      token: admin,
      body: {
        orders: [
          ...reached.map((m, i) => ({
            externalId: `earned-${i}`,
            customerId: m.customer_id,
            amount: 120.5 + i,
            orderedAt,
          })),
          { externalId: 'unearned', customerId: stranger.body.id, amount: 99, orderedAt },
        ],
      },
    });
    expect([booked.status, booked.body.inserted]).toEqual([201, 3]);
    const [r] = await receivedAt('/orders', 1);
    expect(verify(hook.secret, r)).toBeTruthy();
    expect(r.json.type).toBe('order.attributed');
    const items = r.json.data['items'] as Array<Record<string, unknown>>;
    const orderIds = rowsOf<{ id: string; external_id: string }>(
      await t.db.handle.db.execute(
        sql`select id, external_id from orders where external_id like 'earned-%' order by external_id`,
      ),
    );
    expect(items.sort((a, b) => String(a['revenue']).localeCompare(String(b['revenue'])))).toEqual(
      reached.map((m, i) => ({
        orderId: orderIds[i].id,
        campaignId: campaign.id,
        messageId: m.id,
        customerId: m.customer_id,
        revenue: 120.5 + i,
        touch: 'delivery',
        orderedAt: new Date(orderedAt).toISOString(),
      })),
    );
  });

  it('a delivery to a host resolving to a private address is refused after DNS resolution', async () => {
    rx.always('/private', 200);
    const viaName = rx.url('/private').replace('127.0.0.1', 'localhost');
    const outcome = await sendSigned({
      url: viaName,
      messageId: 'msg_x',
      body: '{}',
      secrets: [`whsec_${Buffer.alloc(32, 1).toString('base64')}`],
      timeoutMs: 2000,
      allowPrivate: false,
    });
    expect(outcome).toMatchObject({ ok: false, statusCode: null });
    expect(outcome.error).toMatch(/^refused: .*private address/);
    // The same request with private addresses allowed does arrive: the refusal above was the guard's.
    const allowed = await sendSigned({
      url: viaName,
      messageId: 'msg_y',
      body: '{}',
      secrets: [`whsec_${Buffer.alloc(32, 1).toString('base64')}`],
      timeoutMs: 2000,
      allowPrivate: true,
    });
    expect(allowed).toMatchObject({ ok: true, statusCode: 200 });
    expect(rx.received('/private').map((r) => r.headers['webhook-id'])).toEqual(['msg_y']);
  });
});

describe.each(testDrivers())('webhook endpoints without WEBHOOK_ALLOW_PRIVATE (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let marketer: string;
  beforeAll(async () => {
    t = await startTestApp({ driver });
    ({ admin, marketer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  it.each([
    ['http://127.0.0.1:8080/hook', /private, loopback or link-local/],
    ['http://[::1]/hook', /private, loopback or link-local/],
    ['http://169.254.169.254/latest/meta-data', /private, loopback or link-local/],
    ['http://10.1.2.3/hook', /private, loopback or link-local/],
    ['http://user:pw@example.com/hook', /credentials/],
    ['ftp://example.com/hook', /http or https/],
    ['not a url', /absolute http\(s\) URL/],
  ])('refuses %s with a 400 on url', async (url, message) => {
    const res = await t.request('POST', '/api/webhooks', { token: admin, body: { url, events: ['customer.created'] } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'url', message: expect.stringMatching(message) }]);
  });

  it('refuses unknown event types and non-admins', async () => {
    const res = await t.request('POST', '/api/webhooks', {
      token: admin,
      body: { url: 'https://example.com/hook', events: ['customer.exploded'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toMatch(/^events/);
    expect((await t.request('GET', '/api/webhooks', { token: marketer })).status).toBe(403);
  });
});
