import { signInTeam, startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';

describe.each(testDrivers())('POST /api/customers/batch (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let marketer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ driver });
    ({ admin, marketer, viewer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  const batch = (records: unknown, token = marketer) =>
    t.request('POST', '/api/customers/batch', { token, body: { records } });
  const get = async (id: string) => (await t.request('GET', `/api/customers/${id}`, { token: admin })).body;

  it('lands the good records in order and reports the bad ones by field path', async () => {
    const res = await batch([
      { email: ' Mixed1@Example.com ', phone: '098765 11111', firstName: ' Asha ' },
      { externalId: 'mx-2', city: 'Pune' },
      { email: 'not-an-email' },
      { phone: '12' },
      { firstName: 'No identifier' },
      'not an object',
      { email: 'mixed7@example.com', unknownField: 1 },
      { email: 'mixed8@example.com', emailStatus: 'maybe' },
      { externalId: 'mx-9', country: 'Atlantis' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, unchanged: 0, invalid: 7 });
    const byIndex = (i: number) => res.body.results[i];
    expect(res.body.results.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(byIndex(0)).toEqual({ index: 0, status: 'created', id: expect.any(String) });
    expect(byIndex(1)).toEqual({ index: 1, status: 'created', id: expect.any(String) });
    expect(byIndex(2)).toMatchObject({ status: 'invalid', errors: [{ path: 'records[2].email' }] });
    expect(byIndex(3)).toMatchObject({ status: 'invalid', errors: [{ path: 'records[3].phone' }] });
    expect(byIndex(4)).toMatchObject({ status: 'invalid', errors: [{ path: 'records[4].email' }] });
    expect(byIndex(5)).toMatchObject({ status: 'invalid', errors: [{ path: 'records[5]' }] });
    expect(byIndex(6)).toMatchObject({ status: 'invalid', errors: [{ path: 'records[6].unknownField' }] });
    expect(byIndex(7)).toMatchObject({ status: 'invalid', errors: [{ path: 'records[7].emailStatus' }] });
    expect(byIndex(8)).toMatchObject({ status: 'invalid', errors: [{ path: 'records[8].country' }] });
    expect(byIndex(2).id).toBeUndefined();
    // Normalized as POST /api/customers normalizes.
    expect(await get(byIndex(0).id)).toMatchObject({
      email: 'mixed1@example.com',
      phone: '+919876511111',
      firstName: 'Asha',
      emailStatus: 'subscribed',
    });
    // Bad records changed nothing.
    const found = await t.request('GET', '/api/customers?q=mixed7', { token: admin });
    expect(found.body.items).toEqual([]);
    // New customers' consent history is written with the API's source.
    const history = await t.request('GET', `/api/customers/${byIndex(1).id}/consent-history`, { token: admin });
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', status: 'subscribed', source: 'api' }),
        expect.objectContaining({ channel: 'sms', status: 'subscribed', source: 'api' }),
      ]),
    );
  });

  it('upserts by externalId, else by email, and answers unchanged for a repeat', async () => {
    const first = await batch([
      { externalId: 'up-1', email: 'up1@example.com', city: 'Pune' },
      { email: 'up2@example.com', firstName: 'Ravi' },
    ]);
    expect(first.body).toMatchObject({ created: 2, updated: 0 });
    const [a, b] = first.body.results.map((r: { id: string }) => r.id);

    const second = await batch([
      { externalId: 'up-1', email: 'up1-new@example.com', city: 'Mumbai' },
      { email: 'UP2@example.com', lastName: 'Kumar', tags: ['VIP'] },
      { email: 'up2@example.com', lastName: 'Kumar', tags: ['VIP'] },
    ]);
    expect(second.status).toBe(200);
    expect(second.body.results).toEqual([
      { index: 0, status: 'updated', id: a },
      { index: 1, status: 'updated', id: b },
      { index: 2, status: 'unchanged', id: b },
    ]);
    expect(await get(a)).toMatchObject({ externalId: 'up-1', email: 'up1-new@example.com', city: 'Mumbai' });
    expect(await get(b)).toMatchObject({
      email: 'up2@example.com',
      firstName: 'Ravi',
      lastName: 'Kumar',
      tags: ['vip'],
    });

    const again = await batch([{ externalId: 'up-1', city: 'Mumbai' }]);
    expect(again.body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
      results: [{ status: 'unchanged', id: a }],
    });
  });

  it('never re-subscribes: an update only tightens consent, and the history says who', async () => {
    const created = await batch([{ email: 'optout@example.com', phone: '+919812300001' }]);
    const id = created.body.results[0].id;
    expect(
      (await t.request('PATCH', `/api/customers/${id}`, { token: marketer, body: { emailStatus: 'unsubscribed' } }))
        .status,
    ).toBe(200);
    const res = await batch([{ email: 'optout@example.com', emailStatus: 'subscribed', smsStatus: 'blocklisted' }]);
    expect(res.body.results[0]).toEqual({ index: 0, status: 'updated', id });
    expect(await get(id)).toMatchObject({ emailStatus: 'unsubscribed', smsStatus: 'blocklisted' });
    const history = (await t.request('GET', `/api/customers/${id}/consent-history`, { token: admin })).body.items;
    expect(history[0]).toMatchObject({ channel: 'sms', status: 'blocklisted', source: 'api', note: 'customer batch' });
    expect(
      history.filter((e: { channel: string }) => e.channel === 'email').map((e: { status: string }) => e.status),
    ).toEqual(['unsubscribed', 'subscribed']);
  });

  it('a value another customer has is not applied and comes back as a warning', async () => {
    await batch([{ email: 'taken@example.com' }, { externalId: 'owner-2' }]);
    const res = await batch([{ externalId: 'owner-2', email: 'taken@example.com', city: 'Goa' }]);
    expect(res.body.results[0]).toMatchObject({
      status: 'updated',
      warnings: [{ path: 'records[0].email', message: expect.stringContaining('another customer') }],
    });
  });

  it('refuses a bad envelope with 400 and changes nothing', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ email: `many${i}@example.com` }));
    const res = await batch(tooMany);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'records', message: expect.stringContaining('1 to 1000') }]);
    expect((await t.request('GET', '/api/customers?q=many1000', { token: admin })).body.items).toEqual([]);
    expect((await batch('nope')).status).toBe(400);
    expect((await batch([])).status).toBe(400);
    const extra = await t.request('POST', '/api/customers/batch', { token: marketer, body: { records: [], x: 1 } });
    expect(extra.body.details).toEqual([{ path: 'x', message: expect.any(String) }]);
    // Exactly 1,000 is accepted.
    const full = await batch(tooMany.slice(0, 1000));
    expect(full.status).toBe(200);
    expect(full.body.created).toBe(1000);
  });

  it('needs customers.write, and writes one audit entry per batch with the counts', async () => {
    expect((await batch([{ email: 'viewer@example.com' }], viewer)).status).toBe(403);
    await batch([{ email: 'audited@example.com' }, { email: 'bad' }]);
    const audit = await t.request('GET', '/api/audit?action=customers.batch_upserted', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      diff: { records: 2, created: 1, updated: 0, unchanged: 0, invalid: 1 },
    });
    expect(audit.body.items[0].actorEmail ?? audit.body.items[0].actor).toBeTruthy();
  });
});
