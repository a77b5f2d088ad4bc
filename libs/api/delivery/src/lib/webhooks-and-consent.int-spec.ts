import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { vendorSignatureHeaders, signVendorPayload } from '@mini-crm/vendor-protocol';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

describe.each(testDrivers())('vendor webhooks and consent (%s)', (driver) => {
  let h: DeliveryHarness;
  let segmentId: string;

  const post = (path: string, raw: string, headers: Record<string, string>) =>
    h.t.request('POST', path, { raw, headers: { 'content-type': 'application/json', ...headers } });
  const signed = (path: string, body: unknown) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return post(path, raw, vendorSignatureHeaders(h.secret, raw) as Record<string, string>);
  };
  const events = async () =>
    Number(
      rowsOf<{ n: number }>(await h.t.db.handle.db.execute(sql`select count(*)::int as n from message_events`))[0].n,
    );

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { env: { DELIVERY_BATCH_SIZE: '10' } });
    await seedCustomers(h.t.db.handle.db, makeCustomers(120, 'Pune'));
    segmentId = await h.createSegment('Pune', 'Pune');
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('forged, replayed, unknown and malformed receipts change nothing', async () => {
    const { id } = await h.createCampaign({
      name: 'Receipts',
      segmentId,
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
    });
    await h.launch(id);
    const before = await h.settle(id);
    const eventsBefore = await events();
    const real = h.stub.receipts(50);
    expect(real.length).toBeGreaterThan(10);
    const delivered = real.find((r) => r.type === 'delivered');
    expect(delivered).toBeDefined();
    const forgedFailure = {
      receipts: [{ ...delivered, id: `${delivered?.id}-forged`, type: 'failed', reason: 'forged' }],
    };

    // Forged: bad signature, no signature, another secret, an old timestamp.
    const raw = JSON.stringify(forgedFailure);
    expect((await post('/api/delivery/receipts', raw, {})).status).toBe(401);
    expect(
      (
        await post('/api/delivery/receipts', raw, {
          'x-vendor-timestamp': String(Date.now()),
          'x-vendor-signature': 'sha256=' + '0'.repeat(64),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await post(
          '/api/delivery/receipts',
          raw,
          vendorSignatureHeaders('not-the-secret', raw) as Record<string, string>,
        )
      ).status,
    ).toBe(401);
    const old = Date.now() - 10 * 60_000;
    expect(
      (
        await post('/api/delivery/receipts', raw, {
          'x-vendor-timestamp': String(old),
          'x-vendor-signature': signVendorPayload(h.secret, old, raw),
        })
      ).status,
    ).toBe(401);
    // Signed for a different body.
    expect(
      (
        await post(
          '/api/delivery/receipts',
          raw.replace('forged', 'forgeD'),
          vendorSignatureHeaders(h.secret, raw) as Record<string, string>,
        )
      ).status,
    ).toBe(401);

    // Replayed: the very receipts the vendor already delivered.
    const replay = await signed('/api/delivery/receipts', { receipts: real });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({
      received: real.length,
      applied: 0,
      duplicates: real.length,
      unknown: 0,
      mismatched: 0,
    });

    // Unknown ids.
    const unknown = await signed('/api/delivery/receipts', {
      receipts: [
        { ...delivered, id: 'r-unknown-1', idempotencyKey: randomUUID() },
        { ...delivered, id: 'r-unknown-2', idempotencyKey: 'not-a-uuid' },
      ],
    });
    expect(unknown.body).toEqual({ received: 2, applied: 0, duplicates: 0, unknown: 2, mismatched: 0 });

    // Malformed (validly signed).
    expect((await signed('/api/delivery/receipts', '{"receipts": [')).status).toBe(400);
    expect((await signed('/api/delivery/receipts', { receipts: [{ id: 1 }] })).status).toBe(400);
    expect((await signed('/api/delivery/receipts', { receipts: [{ ...delivered, type: 'exploded' }] })).status).toBe(
      400,
    );
    expect(
      (await signed('/api/delivery/receipts', { receipts: [{ ...delivered, id: 'x2', extra: true }] })).status,
    ).toBe(400);

    expect(await h.stats(id)).toEqual(before);
    expect(await events()).toBe(eventsBefore);
    const counters = await h.t.request('GET', '/api/delivery/counters', { token: h.token });
    expect(counters.body).toMatchObject({ receiptsDuplicate: real.length, receiptsUnknown: 2 });
    expect(counters.body.signatureRejected).toBeGreaterThanOrEqual(5);
  });

  it('email carries a signed one-click unsubscribe link that works and is audited', async () => {
    const { id } = await h.createCampaign({
      name: 'Mail',
      segmentId,
      channel: 'email',
      subject: 'For {{first_name|you}}',
      message: '<p>Hi {{first_name|there}}, questions? Write to help.desk@shop.example or call +91 98765 00011</p>',
    });
    await h.launch(id);
    await h.settle(id);
    const page = await h.t.request('GET', `/api/campaigns/${id}/messages?status=delivered&limit=1`, { token: h.token });
    const msg = page.body.items[0];
    expect(msg.renderedText).toContain('help.desk@shop.example or call +91 98765 00011');

    // A viewer reads the same log with the contact points masked and without the recipient's unsubscribe token.
    const viewer = (await h.t.login('log.viewer@example.com')).accessToken;
    const seen = await h.t.request('GET', `/api/campaigns/${id}/messages?status=delivered&limit=1`, { token: viewer });
    expect(seen.status).toBe(200);
    const masked = seen.body.items[0];
    expect(masked.id).toBe(msg.id);
    expect(masked.recipient).toMatch(/^c\*\*\*@example\.com$/);
    expect(masked.renderedText).toContain('h***@shop.example or call +91******0011');
    expect(masked.renderedText).toContain('/api/unsubscribe/***"');
    expect(masked.renderedText).not.toMatch(/\/api\/unsubscribe\/[^*]/);
    const byCustomer = await h.t.request('GET', `/api/customers/${msg.customerId}/messages`, { token: viewer });
    expect(JSON.stringify(byCustomer.body)).not.toContain(msg.recipient);
    expect(JSON.stringify(byCustomer.body)).not.toMatch(/\/api\/unsubscribe\/[^*]/);
    const vendorCopy = h.stub.record(msg.id);
    expect(vendorCopy?.subject).toMatch(/^For /);
    const link = /href="([^"]+\/api\/unsubscribe\/[^"]+)"/.exec(msg.renderedText)?.[1] as string;
    expect(link).toBeDefined();
    const path = new URL(link).pathname;

    const confirm = await h.t.request('GET', path);
    expect(confirm.status).toBe(200);
    expect(confirm.headers.get('content-type')).toMatch(/text\/html/);
    expect(confirm.text).toContain('<form method="post"');
    const tampered = await h.t.request(
      'GET',
      path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    );
    expect(tampered.status).toBe(404);

    const oneClick = await h.t.request('POST', path, {
      raw: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toContain('unsubscribed');
    const status = rowsOf<{ email_status: string }>(
      await h.t.db.handle.db.execute(sql`select email_status from customers where id = ${msg.customerId}`),
    );
    expect(status[0].email_status).toBe('unsubscribed');
    const audit = await h.t.request('GET', '/api/audit?action=customer.unsubscribed', { token: h.token });
    expect(audit.body.items[0]).toMatchObject({
      entityId: msg.customerId,
      diff: { channel: 'email', source: 'one-click', campaignId: id },
    });
    expect((await h.t.request('GET', path)).text).toContain('You are unsubscribed');
  });

  it('an inbound STOP unsubscribes from SMS and takes effect for queued messages of a running campaign', async () => {
    const { id } = await h.createCampaign({ name: 'Stoppable', segmentId, channel: 'sms', message: 'Hi' });
    h.stub.configure({ latencyMs: 800 });
    await h.launch(id);
    await h.t.request('POST', `/api/campaigns/${id}/pause`, { token: h.token });
    await new Promise((r) => setTimeout(r, 1500));
    h.stub.configure({ latencyMs: 0 });
    const queued = await h.t.request('GET', `/api/campaigns/${id}/messages?status=queued&limit=1`, { token: h.token });
    // The pause may land after everything was sent on a fast machine; then there is nothing to prove here.
    if (queued.body.items.length === 0) throw new Error('campaign finished before pause; increase the audience');
    const target = queued.body.items[0];

    const fwd = await fetch(`${h.stub.url}/v1/test/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: target.recipient, text: 'Stop' }),
    });
    expect(fwd.status).toBe(202);
    expect((await signed('/api/delivery/inbound', { id: 'in-2', from: target.recipient, text: 'hello' })).body).toEqual(
      { action: 'ignored', customers: 0 },
    );
    expect(
      (await post('/api/delivery/inbound', JSON.stringify({ id: 'in-3', from: target.recipient, text: 'START' }), {}))
        .status,
    ).toBe(401);

    await h.t.request('POST', `/api/campaigns/${id}/resume`, { token: h.token });
    await h.settle(id);
    const after = await h.t.request('GET', `/api/customers/${target.customerId}/messages`, { token: h.token });
    expect(after.body.items.find((m: { campaignId: string }) => m.campaignId === id)).toMatchObject({
      status: 'failed',
      failureReason: 'unsubscribed',
    });
    expect(h.stub.record(target.id)).toBeNull(); // never reached the vendor
    const audit = await h.t.request('GET', '/api/audit?action=customer.unsubscribed', { token: h.token });
    expect(audit.body.items[0]).toMatchObject({
      entityId: target.customerId,
      diff: { channel: 'sms', source: 'sms-keyword' },
    });
  });

  it('a STOP from a national-format sender unsubscribes the customer with that phone', async () => {
    const c = await h.t.request('POST', '/api/customers', { token: h.token, body: { phone: '+919812300077' } });
    expect(c.status).toBe(201);
    const res = await signed('/api/delivery/inbound', { id: 'in-national', from: '098123 00077', text: 'STOP' });
    expect(res.body).toEqual({ action: 'unsubscribed', customers: 1 });
    const after = await h.t.request('GET', `/api/customers/${c.body.id}`, { token: h.token });
    expect(after.body.smsStatus).toBe('unsubscribed');
  });

  it('previews real sample customers with SMS length, amounts as people read them (|raw as stored)', async () => {
    const res = await h.t.request('POST', '/api/campaigns/preview', {
      token: h.token,
      body: {
        segmentId,
        channel: 'sms',
        message: 'Hi {{first_name|there}} from {{city}}: {{total_spend}} (raw {{total_spend|raw}})',
        limit: 3,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.samples).toHaveLength(3);
    for (const sample of res.body.samples)
      expect(sample.text).toMatch(/^Hi (Name\d+|there) from Pune: ₹1\d\d\.00 \(raw 1\d\d\.00\)$/);
    expect(res.body.samples[0].sms).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(res.body.audience + res.body.suppressed).toBe(120);
    const bad = await h.t.request('POST', '/api/campaigns/preview', {
      token: h.token,
      body: { segmentId, channel: 'email', message: '{{nope}}' },
    });
    expect(bad.status).toBe(400);

    // An email preview carries each sample's real unsubscribe link: a viewer gets it without the token.
    const email = {
      segmentId,
      channel: 'email',
      subject: 'News',
      message: '<p>Hi {{first_name|there}}, call +91 98765 00011</p>',
      limit: 2,
    };
    const asAdmin = await h.t.request('POST', '/api/campaigns/preview', { token: h.token, body: email });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.samples[0].text).toMatch(/\/api\/unsubscribe\/[^*"]{20,}"/);
    const viewer = (await h.t.login('preview.viewer@example.com')).accessToken;
    const asViewer = await h.t.request('POST', '/api/campaigns/preview', { token: viewer, body: email });
    expect(asViewer.status).toBe(200);
    expect(asViewer.body.samples).toHaveLength(2);
    for (const sample of asViewer.body.samples) {
      expect(sample.text).toContain('/api/unsubscribe/***"');
      expect(sample.text).toContain('call +91******0011');
      expect(sample.recipient).toMatch(/^c\*\*\*@example\.com$/);
    }
  });
});
