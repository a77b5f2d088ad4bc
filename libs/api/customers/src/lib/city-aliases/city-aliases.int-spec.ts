import { inArray } from 'drizzle-orm';
import { customers } from '@mini-crm/db';
import { CITY_ALIASES } from '@mini-crm/customer-data';
import { signInTeam, startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';

const PATH = '/api/settings/city-aliases';

describe.each(testDrivers())('city aliases (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let marketer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ driver });
    ({ admin, marketer, viewer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  const put = (alias: string, body: unknown, token = admin) =>
    t.request('PUT', `${PATH}/${encodeURIComponent(alias)}`, { token, body });
  const cityOf = async (emails: string[]) => {
    const rows = await t.db.handle.db
      .select({ email: customers.email, city: customers.city })
      .from(customers)
      .where(inArray(customers.email, emails));
    return Object.fromEntries(rows.map((r) => [r.email, r.city]));
  };

  it('is for admins only: marketers and viewers get 403, anonymous 401', async () => {
    for (const token of [marketer, viewer]) {
      expect((await t.request('GET', PATH, { token })).status).toBe(403);
      expect((await put('blr', { city: 'Bengaluru' }, token)).status).toBe(403);
      expect((await t.request('DELETE', `${PATH}/blr`, { token })).status).toBe(403);
    }
    expect((await t.request('GET', PATH)).status).toBe(401);
    expect((await t.request('GET', PATH, { token: admin })).status).toBe(200);
  });

  it('lists the built-in aliases, marked and unchangeable', async () => {
    const res = await t.request('GET', PATH, { token: admin });
    expect(res.body.items).toEqual(
      expect.arrayContaining([{ alias: 'bombay', city: 'Mumbai', builtIn: true, updatedAt: null }]),
    );
    expect(res.body.items.filter((i: { builtIn: boolean }) => i.builtIn)).toHaveLength(
      Object.keys(CITY_ALIASES).length,
    );
    const change = await put('Bombay', { city: 'Bombay' });
    expect(change.status).toBe(409);
    expect(change.body.message).toContain('built-in');
    expect((await t.request('DELETE', `${PATH}/bombay`, { token: admin })).status).toBe(409);
  });

  it('refuses bad input with 400 and field paths, never 500', async () => {
    const cases: [string, unknown, string][] = [
      ['blr', {}, 'city'],
      ['blr', { city: 42 }, 'city'],
      ['blr', { city: '   ' }, 'city'],
      ['blr', { city: '1234' }, 'city'],
      ['blr', { city: 'x'.repeat(101) }, 'city'],
      ['blr', { city: 'Bengaluru', extra: 1 }, 'extra'],
      ['123', { city: 'Bengaluru' }, 'alias'],
      ['bengaluru', { city: 'BENGALURU' }, 'city'],
      // chains: an alias may not be a city aliases lead to, nor lead to an alias
      ['mumbai', { city: 'Bombay Central' }, 'alias'],
      ['bom', { city: 'bombay' }, 'city'],
    ];
    for (const [alias, body, path] of cases) {
      const res = await put(alias, body);
      expect({ alias, status: res.status }).toEqual({ alias, status: 400 });
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const malformed = await t.request('PUT', `${PATH}/blr`, {
      token: admin,
      raw: '{"city":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    // The router refuses a path parameter over 100 characters before the controller (an alias is at most 100).
    const long = await put('a'.repeat(101), { city: 'Bengaluru' });
    expect(long.status).toBe(414);
    expect(long.body).toMatchObject({ statusCode: 414 });
  });

  it('saving an alias moves stored customers to the city at once, and the customers API uses it', async () => {
    await t.db.handle.db.insert(customers).values([
      { email: 'a1@example.com', city: 'BLR' },
      { email: 'a2@example.com', city: 'blr' },
      { email: 'a3@example.com', city: 'Pune' },
    ]);
    const saved = await put('  BLR ', { city: ' bengaluru ' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ alias: 'blr', city: 'Bengaluru', builtIn: false, customersUpdated: 2 });
    expect(await cityOf(['a1@example.com', 'a2@example.com', 'a3@example.com'])).toEqual({
      'a1@example.com': 'Bengaluru',
      'a2@example.com': 'Bengaluru',
      'a3@example.com': 'Pune',
    });
    // saving it again finds nothing left to fix
    expect((await put('blr', { city: 'Bengaluru' })).body.customersUpdated).toBe(0);

    const created = await t.request('POST', '/api/customers', {
      token: marketer,
      body: { email: 'a4@example.com', city: 'Blr' },
    });
    expect(created.body.city).toBe('Bengaluru');

    const list = await t.request('GET', PATH, { token: admin });
    expect(list.body.items[0]).toMatchObject({ alias: 'blr', city: 'Bengaluru', builtIn: false });
    const audit = await t.request('GET', '/api/audit?action=city_alias.saved', { token: admin });
    expect(audit.body.items[1]).toMatchObject({
      actorEmail: 'admin@example.com',
      diff: { alias: 'blr', city: 'Bengaluru', customersUpdated: 2 },
    });
  });

  it('removes an admin alias (stored cities stay); an unknown one is 404', async () => {
    await put('trichy', { city: 'Tiruchirappalli' });
    expect((await t.request('DELETE', `${PATH}/Trichy`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `${PATH}/trichy`, { token: admin })).status).toBe(404);
    const created = await t.request('POST', '/api/customers', {
      token: marketer,
      body: { email: 'a5@example.com', city: 'trichy' },
    });
    expect(created.body.city).toBe('Trichy');
    const audit = await t.request('GET', '/api/audit?action=city_alias.deleted', { token: admin });
    expect(audit.body.items[0].diff).toEqual({ alias: 'trichy', city: 'Tiruchirappalli' });
  });
});
