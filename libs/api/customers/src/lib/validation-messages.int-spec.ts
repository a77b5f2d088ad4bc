import { startTestApp, type TestApp } from '@mini-crm/api/testing';

/** Validation answers speak to people; the field paths stay in `details` for programs and forms. */
describe('validation messages', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ driver: 'pglite' });
    admin = (await t.login('admin@example.com')).accessToken;
  });
  afterAll(async () => t?.close());

  it('says “First name is too long (200 characters at most)”, not the property name', async () => {
    const res = await t.request('POST', '/api/customers', {
      token: admin,
      body: { email: 'long@example.com', firstName: 'a'.repeat(201) },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'First name is too long (200 characters at most)',
      details: [{ path: 'firstName', message: 'First name is too long (200 characters at most)' }],
    });
  });

  it('names unknown fields and sums up several problems in one sentence', async () => {
    const res = await t.request('POST', '/api/customers', {
      token: admin,
      body: { email: 'x@example.com', lastName: 'b'.repeat(201), tags: 'vip', shoeSize: 44 },
    });
    expect(res.status).toBe(400);
    const paths = res.body.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['lastName', 'shoeSize', 'tags']);
    for (const d of res.body.details as { path: string; message: string }[]) {
      expect(d.message).not.toMatch(/^(lastName|shoeSize|tags) /);
      expect(res.body.message).toContain(d.message);
    }
    expect(res.body.message).toContain('Last name is too long (200 characters at most)');
    expect(res.body.message).toContain('“shoeSize” is not a field this request accepts');
    expect(res.body.message).not.toMatch(/Validation failed/);
  });

  it('speaks the same way for query strings', async () => {
    const res = await t.request('GET', '/api/customers?limit=100000', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { path: 'limit', message: expect.stringMatching(/^Limit must be at most \d+$/) },
    ]);
    expect(res.body.message).toBe(res.body.details[0].message);
  });
});
