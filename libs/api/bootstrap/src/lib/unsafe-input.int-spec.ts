import { startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';

describe.each(testDrivers())('NUL characters and deep JSON answer 400, never 500 (%s)', (driver) => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ driver });
    token = (await t.login('admin@example.com')).accessToken;
  });
  afterAll(async () => t?.close());

  /** JSON text nested `levels` deep (JSON.stringify itself would overflow on the object). */
  const nested = (levels: number) => `${'['.repeat(levels)}{"name":"x","quantity":1}${']'.repeat(levels)}`;

  it.each([
    ['POST', '/api/customers', { email: 'n1@example.com', externalId: 'E\u0000' }, 'externalId'],
    ['POST', '/api/customers', { email: 'n2@example.com', firstName: 'A\u0000' }, 'firstName'],
    ['POST', '/api/customers', { email: 'n3@example.com', lastName: '\u0000' }, 'lastName'],
    ['POST', '/api/customers', { email: 'n4@example.com', city: 'Pu\u0000ne' }, 'city'],
    ['POST', '/api/customers', { email: 'n5@example.com', tags: ['ok', 'v\u0000'] }, 'tags[1]'],
    ['POST', '/api/customers', { email: 'n6@example.com', attributes: { 'k\u0000': 'v' } }, 'attributes.k\u0000'],
    ['POST', '/api/customers', { email: 'n7@example.com', attributes: { k: 'v\u0000' } }, 'attributes.k'],
    ['GET', '/api/customers?q=%00', undefined, 'query.q'],
    ['GET', '/api/customers?city=a%00', undefined, 'query.city'],
    ['GET', '/api/customers?tag=%00x', undefined, 'query.tag'],
    ['GET', '/api/segment-rules?q=%00', undefined, 'query.q'],
    ['POST', '/api/segment-rules', { name: 'S\u0000', rules: {} }, 'name'],
    ['POST', '/api/segment-rules', { name: 'S', description: 'D\u0000', rules: {} }, 'description'],
    ['POST', '/api/campaigns', { name: 'C\u0000', channel: 'sms', message: 'Hi' }, 'name'],
    ['POST', '/api/campaigns', { name: 'C', channel: 'sms', message: 'Hi\u0000' }, 'message'],
    ['POST', '/api/campaigns', { name: 'C', channel: 'email', subject: 'S\u0000', message: 'Hi' }, 'subject'],
    ['POST', '/api/segment-rules/preview', `{"rules":${nested(5000)}}`, 'rules'],
    ['POST', '/api/orders', `{"customerEmail":"x@example.com","amount":1,"items":${nested(5000)}}`, 'items'],
  ])('%s %s → 400 at %s', async (method, path, body, field) => {
    const res =
      typeof body === 'string'
        ? await t.request(method, path, { token, raw: body, headers: { 'content-type': 'application/json' } })
        : await t.request(method, path, { token, ...(body !== undefined ? { body } : {}) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((res.body.details as { path: string }[])[0].path).toContain(field);
  });

  it('ordinary input still passes and nothing was written by the refused requests', async () => {
    const ok = await t.request('POST', '/api/customers', { token, body: { email: 'n8@example.com', firstName: 'Ná' } });
    expect(ok.status).toBe(201);
    const list = await t.request('GET', '/api/customers?q=example.com', { token });
    expect(list.body.items.map((c: { email: string }) => c.email)).toEqual(['n8@example.com']);
  });
});
