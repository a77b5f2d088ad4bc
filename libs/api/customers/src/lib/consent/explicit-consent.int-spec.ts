import { signInTeam, startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';

describe.each(testDrivers())('consent only loosens by an explicit action (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let marketer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ driver });
    ({ admin, marketer, viewer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  const customer = async (body: Record<string, unknown>) =>
    (await t.request('POST', '/api/customers', { token: marketer, body })).body as { id: string };
  const consent = (id: string, body: Record<string, unknown>, token = marketer) =>
    t.request('POST', `/api/customers/${id}/consent`, { token, body });
  const statusOf = async (id: string) =>
    (await t.request('GET', `/api/customers/${id}`, { token: viewer })).body as {
      emailStatus: string;
      smsStatus: string;
    };

  it('PATCH may unsubscribe but answers 409 to a re-subscription and changes nothing', async () => {
    const c = await customer({ email: 'undo@example.com', phone: '+919812345678' });
    const off = await t.request('PATCH', `/api/customers/${c.id}`, {
      token: marketer,
      body: { emailStatus: 'unsubscribed', smsStatus: 'unsubscribed' },
    });
    expect(off.status).toBe(200);
    const back = await t.request('PATCH', `/api/customers/${c.id}`, {
      token: marketer,
      body: { emailStatus: 'subscribed', city: 'Pune' },
    });
    expect(back.status).toBe(409);
    expect(back.body.details).toEqual([
      { path: 'emailStatus', message: expect.stringContaining(`POST /api/customers/${c.id}/consent`) },
    ]);
    const after = (await t.request('GET', `/api/customers/${c.id}`, { token: viewer })).body;
    expect(after).toMatchObject({ emailStatus: 'unsubscribed', smsStatus: 'unsubscribed', city: null });
  });

  it('re-subscribes through the consent action with its source, audited', async () => {
    const c = await customer({ email: 'again@example.com' });
    await t.request('PATCH', `/api/customers/${c.id}`, { token: marketer, body: { emailStatus: 'unsubscribed' } });
    const res = await consent(c.id, { channel: 'email', status: 'subscribed', source: 'double opt-in form' });
    expect(res.status).toBe(200);
    expect(res.body.emailStatus).toBe('subscribed');
    const audit = await t.request('GET', '/api/audit?action=customer.consent_changed', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      entityId: c.id,
      diff: { emailStatus: { from: 'unsubscribed', to: 'subscribed' }, source: 'double opt-in form' },
    });
  });

  it('only an admin lifts a blocklist entry', async () => {
    const c = await customer({ phone: '+919812345679' });
    expect((await consent(c.id, { channel: 'sms', status: 'blocklisted', source: 'carrier complaint' })).status).toBe(
      200,
    );
    const lift = { channel: 'sms', status: 'subscribed', source: 'customer called back' };
    expect((await consent(c.id, lift)).status).toBe(403);
    expect((await statusOf(c.id)).smsStatus).toBe('blocklisted');
    expect((await consent(c.id, lift, admin)).status).toBe(200);
    expect((await statusOf(c.id)).smsStatus).toBe('subscribed');
  });

  it('validates the body, denies viewers and answers 404 for an unknown customer', async () => {
    const c = await customer({ email: 'valid@example.com' });
    const bad = await consent(c.id, { channel: 'fax', status: 'maybe', source: '' });
    expect(bad.status).toBe(400);
    expect((bad.body.details as { path: string }[]).map((d) => d.path).sort()).toEqual(['channel', 'source', 'status']);
    const ok = { channel: 'email', status: 'unsubscribed', source: 'asked by phone' };
    expect((await consent(c.id, ok, viewer)).status).toBe(403);
    expect((await consent('00000000-0000-4000-8000-000000000000', ok)).status).toBe(404);
    expect((await statusOf(c.id)).emailStatus).toBe('subscribed');
  });
});
