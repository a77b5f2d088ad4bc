import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { signInTeam, testDrivers, type TeamTokens } from '@mini-crm/api/testing';
import { vendorSignatureHeaders } from '@mini-crm/vendor-protocol';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

interface HistoryItem {
  channel: string;
  status: string;
  source: string;
  note: string | null;
  actorEmail: string | null;
}

/**
 * Consent history from every path, the global suppression list at snapshot and at send, and
 * data-subject requests (export, erasure), through the real delivery path and the vendor stub.
 */
describe.each(testDrivers())('consent history, suppression and erasure (%s)', (driver) => {
  let h: DeliveryHarness;
  let team: TeamTokens;

  const inbound = (body: Record<string, unknown>) => {
    const raw = JSON.stringify(body);
    return h.t.request('POST', '/api/delivery/inbound', {
      raw,
      headers: {
        'content-type': 'application/json',
        ...(vendorSignatureHeaders(h.secret, raw) as Record<string, string>),
      },
    });
  };
  const history = async (id: string): Promise<HistoryItem[]> => {
    const res = await h.t.request('GET', `/api/customers/${id}/consent-history`, { token: team.viewer });
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const createCustomer = async (body: Record<string, unknown>) => {
    const res = await h.t.request('POST', '/api/customers', { token: team.marketer, body });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const sendTo = async (city: string, channel: 'sms' | 'email') => {
    const segmentId = await h.createSegment(`${city} ${channel} ${Date.now()}`, city);
    const { id } = await h.createCampaign({
      name: `${city} ${channel}`,
      segmentId,
      channel,
      ...(channel === 'email' ? { subject: 'News', message: '<p>Hi {{first_name|there}}</p>' } : { message: 'Hi' }),
    });
    return id;
  };
  const messagesOf = async (customerId: string) =>
    (await h.t.request('GET', `/api/customers/${customerId}/messages`, { token: team.admin })).body.items as Array<{
      id: string;
      campaignId: string;
      status: string;
      failureReason: string | null;
      renderedText: string | null;
    }>;
  const reimport = async (csv: string) => {
    const form = new FormData();
    form.append('file', new Blob([csv]), 'again.csv');
    form.append('kind', 'customers');
    const res = await h.t.request('POST', '/api/imports', { token: team.marketer, raw: form });
    expect(res.status).toBe(202);
    return h.waitFor('the re-import to finish', async () => {
      const job = await h.t.request('GET', `/api/imports/${res.body.id}`, { token: team.marketer });
      return job.body.status === 'completed' ? job.body : null;
    });
  };

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, {
      env: { DELIVERY_BATCH_SIZE: '10', DELIVERY_CONCURRENCY: '1' },
      stub: { failRate: 0 },
    });
    team = await signInTeam(h.t);
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('records consent history from the API, an admin, STOP, START and the unsubscribe link', async () => {
    const c = await createCustomer({ email: 'hist@example.com', phone: '+919811100001', city: 'Histon' });
    await h.t.request('PATCH', `/api/customers/${c.id}`, { token: team.marketer, body: { smsStatus: 'unsubscribed' } });
    const back = await h.t.request('POST', `/api/customers/${c.id}/consent`, {
      token: team.admin,
      body: { channel: 'sms', status: 'subscribed', source: 'phone call, ticket 4411' },
    });
    expect(back.status).toBe(200);
    expect((await inbound({ id: 'hist-stop', from: '098111 00001', text: 'STOP' })).body).toEqual({
      action: 'unsubscribed',
      customers: 1,
    });
    expect((await inbound({ id: 'hist-start', from: '+919811100001', text: 'START' })).body).toEqual({
      action: 'resubscribed',
      customers: 1,
    });
    const campaign = await sendTo('Histon', 'email');
    await h.launch(campaign);
    await h.settle(campaign);
    const [mail] = await messagesOf(c.id);
    const link = /href="[^"]+(\/api\/unsubscribe\/[^"]+)"/.exec(mail.renderedText ?? '')?.[1];
    expect(link).toBeDefined();
    const oneClick = await h.t.request('POST', link as string, {
      raw: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);

    const events = await history(c.id);
    expect(events.map((e) => [e.channel, e.status, e.source])).toEqual([
      ['email', 'unsubscribed', 'unsubscribe_link'],
      ['sms', 'subscribed', 'start'],
      ['sms', 'unsubscribed', 'stop'],
      ['sms', 'subscribed', 'admin'],
      ['sms', 'unsubscribed', 'api'],
      ['email', 'subscribed', 'api'],
      ['sms', 'subscribed', 'api'],
    ]);
    expect(events[3]).toMatchObject({ note: 'phone call, ticket 4411', actorEmail: 'admin@example.com' });
    expect(events[4].actorEmail).toBe('marketer@example.com');
    expect(events[0].actorEmail).toBeNull();
    expect((await h.t.request('GET', `/api/customers/${c.id}/consent-history`)).status).toBe(401);
  });

  it('an erased person who sent STOP is never messaged again, even after a re-import', async () => {
    const c = await createCustomer({
      email: 'zed@example.com',
      phone: '+919822200002',
      firstName: 'Zed',
      lastName: 'Erasable',
      city: 'Erasmus',
    });
    expect(
      (
        await h.t.request('POST', '/api/orders', {
          token: team.marketer,
          body: { customerId: c.id, amount: 499, orderedAt: new Date().toISOString() },
        })
      ).status,
    ).toBe(201);
    const first = await sendTo('Erasmus', 'sms');
    await h.launch(first);
    await h.settle(first);
    expect((await inbound({ id: 'zed-stop', from: '+919822200002', text: 'stop' })).body.customers).toBe(1);

    // Data-subject access: everything, for a marketer; audited without the contact details.
    const exported = await h.t.request('GET', `/api/customers/${c.id}/privacy-export`, { token: team.marketer });
    expect(exported.status).toBe(200);
    expect(exported.body.customer).toMatchObject({
      email: 'zed@example.com',
      phone: '+919822200002',
      firstName: 'Zed',
    });
    expect(exported.body.orders).toEqual([expect.objectContaining({ amount: 499 })]);
    expect(exported.body.messages).toEqual([
      expect.objectContaining({ campaignId: first, recipient: '+919822200002', renderedText: 'Hi' }),
    ]);
    expect(exported.body.messageEvents.length).toBeGreaterThan(0);
    expect(exported.body.consentHistory.map((e: HistoryItem) => e.source)).toEqual(['api', 'api', 'stop']);
    expect((await h.t.request('GET', `/api/customers/${c.id}/privacy-export`, { token: team.viewer })).status).toBe(
      403,
    );

    // Erasure: admin only; PII gone from the row, the messages and the events; the suppression hash stays.
    expect((await h.t.request('DELETE', `/api/customers/${c.id}/erase`, { token: team.marketer })).status).toBe(403);
    const erased = await h.t.request('DELETE', `/api/customers/${c.id}/erase`, { token: team.admin });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ suppressed: ['sms'], messages: 1 });
    const after = (await h.t.request('GET', `/api/customers/${c.id}`, { token: team.admin })).body;
    expect(after).toMatchObject({
      email: null,
      phone: null,
      firstName: null,
      lastName: null,
      city: null,
      smsStatus: 'unsubscribed',
    });
    const db = h.t.db.handle.db;
    const left = rowsOf<{ recipient: string | null; rendered_text: string | null; metas: number }>(
      await db.execute(sql`
        select m.recipient, m.rendered_text,
          (select count(*)::int from message_events e where e.message_id = m.id and e.meta is not null) as metas
        from messages m where m.customer_id = ${c.id}`),
    );
    expect(left).toEqual([{ recipient: null, rendered_text: null, metas: 0 }]);
    const entries: Array<{ action: string; entityId: string }> = [];
    for (const action of ['customer.erased', 'customer.privacy_exported']) {
      const audit = await h.t.request('GET', `/api/audit?action=${action}`, { token: team.admin });
      entries.push(...(audit.body.items as typeof entries).filter((e) => e.entityId === c.id));
    }
    expect(entries.map((e) => e.action).sort()).toEqual(['customer.erased', 'customer.privacy_exported']);
    expect(JSON.stringify(entries)).not.toMatch(/zed@example|9822200002|Zed/);

    // The same person comes back in a file (subscribed by default): the snapshot skips them.
    const job = await reimport('phone,email,first name,city\n098222 00002,zed@example.com,Zed,Erasmus\n');
    expect(job).toMatchObject({ inserted: 1 });
    const second = await sendTo('Erasmus', 'sms');
    expect((await h.launch(second)).status).toBe(200);
    const stats = await h.settle(second);
    expect(stats).toMatchObject({ audience: 1, failed: 1, sent: 0 });
    const log = await h.t.request('GET', `/api/campaigns/${second}/messages`, { token: team.admin });
    expect(log.body.items).toEqual([expect.objectContaining({ status: 'failed', failureReason: 'suppressed' })]);
    expect(h.stub.record(log.body.items[0].id)).toBeNull();
  });

  it('a deleted customer who unsubscribed stays suppressed when the address comes back', async () => {
    const c = await createCustomer({ email: 'dee@example.com', firstName: 'Dee', city: 'Deletia' });
    const off = await h.t.request('PATCH', `/api/customers/${c.id}`, {
      token: team.marketer,
      body: { emailStatus: 'unsubscribed' },
    });
    expect(off.status).toBe(200);
    expect((await h.t.request('DELETE', `/api/customers/${c.id}`, { token: team.marketer })).status).toBe(204);
    const deleted = await h.t.request('GET', '/api/audit?action=customer.deleted', { token: team.admin });
    const entry = (deleted.body.items as Array<{ entityId: string }>).filter((e) => e.entityId === c.id);
    expect(entry).toHaveLength(1);
    expect(JSON.stringify(entry)).not.toContain('dee@example.com');

    // Created again (subscribed, as a new customer would be): the snapshot fails them as suppressed.
    const again = await createCustomer({ email: 'dee@example.com', firstName: 'Dee', city: 'Deletia' });
    expect(again.id).not.toBe(c.id);
    const id = await sendTo('Deletia', 'email');
    expect((await h.launch(id)).status).toBe(200);
    expect(await h.settle(id)).toMatchObject({ audience: 1, failed: 1, sent: 0 });
    const [message] = await messagesOf(again.id);
    expect(message).toMatchObject({ campaignId: id, status: 'failed', failureReason: 'suppressed' });
    expect(h.stub.record(message.id)).toBeNull();
  });

  it('the send path skips a recipient suppressed after the snapshot; admins list and lift entries by contact', async () => {
    await seedCustomers(h.t.db.handle.db, makeCustomers(60, 'Latecomb', 7000));
    h.stub.configure({ latencyMs: 1000 });
    const id = await sendTo('Latecomb', 'sms');
    await h.launch(id);
    await h.t.request('POST', `/api/campaigns/${id}/pause`, { token: h.token });
    const queued = await h.t.request('GET', `/api/campaigns/${id}/messages?status=queued&limit=200`, {
      token: h.token,
    });
    const items = queued.body.items as Array<{ id: string; recipient: string; customerId: string }>;
    // One job of ten at a time, a second per vendor call: the last messages are far from sent when the pause lands.
    if (items.length < 20) throw new Error('campaign ran ahead of the pause; increase the audience');
    const target = items[items.length - 1];

    const add = (token: string, body: Record<string, unknown>) =>
      h.t.request('POST', '/api/suppressions', { token, body });
    expect((await add(team.marketer, { channel: 'sms', value: target.recipient })).status).toBe(403);
    expect((await add(team.admin, { channel: 'sms', value: 'not a phone' })).body.details).toEqual([
      { path: 'value', message: 'Value must be a valid phone number' },
    ]);
    const added = await add(team.admin, { channel: 'sms', value: target.recipient });
    expect(added.body).toMatchObject({ added: true, hashPrefix: expect.stringMatching(/^[0-9a-f]{12}$/) });

    h.stub.configure({ latencyMs: 0 });
    await h.t.request('POST', `/api/campaigns/${id}/resume`, { token: h.token });
    await h.settle(id);
    const [msg] = (await messagesOf(target.customerId)).filter((m) => m.campaignId === id);
    expect(msg).toMatchObject({ status: 'failed', failureReason: 'suppressed' });
    expect(h.stub.record(target.id)).toBeNull();

    const list = await h.t.request('GET', '/api/suppressions?limit=100', { token: team.admin });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      channel: 'sms',
      hashPrefix: added.body.hashPrefix,
      reason: 'admin',
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(list.body)).not.toContain(target.recipient);
    expect((await h.t.request('GET', '/api/suppressions', { token: team.marketer })).status).toBe(403);
    const lift = { channel: 'sms', value: target.recipient };
    expect((await h.t.request('DELETE', '/api/suppressions', { token: team.admin, body: lift })).status).toBe(204);
    expect((await h.t.request('DELETE', '/api/suppressions', { token: team.admin, body: lift })).status).toBe(404);
  });
});
