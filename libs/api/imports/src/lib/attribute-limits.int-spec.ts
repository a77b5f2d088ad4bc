import { parse } from 'csv-parse/sync';
import { startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';
import { importFile } from './testing/import-api.fixture';

/** The caps on customer attributes (ATTRIBUTE_LIMITS) hold through the API and through imports alike. */
describe.each(testDrivers())('customer attribute limits (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ driver });
    admin = (await t.login('admin@example.com')).accessToken;
  });
  afterAll(async () => t?.close());

  it('the API answers 400 naming the attributes field on create and update', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
    const created = await t.request('POST', '/api/customers', {
      token: admin,
      body: { email: 'wide@example.com', attributes: tooMany },
    });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      details: [{ path: 'attributes', message: 'Attributes can have at most 100 keys (got 101)' }],
    });

    const ok = await t.request('POST', '/api/customers', {
      token: admin,
      body: { email: 'fits@example.com', attributes: { plan: 'gold' } },
    });
    expect(ok.status).toBe(201);
    const blob = await t.request('PATCH', `/api/customers/${ok.body.id}`, {
      token: admin,
      body: { attributes: { notes: 'x'.repeat(2001) } },
    });
    expect(blob.status).toBe(400);
    expect(blob.body.details).toEqual([
      { path: 'attributes', message: 'Attributes value of "notes" is too long (2000 characters at most)' },
    ]);
    const unchanged = await t.request('GET', `/api/customers/${ok.body.id}`, { token: admin });
    expect(unchanged.body.attributes).toEqual({ plan: 'gold' });
  });

  it('order line items are capped too: 400 naming the order and field, nothing booked', async () => {
    const c = await t.request('POST', '/api/customers', { token: admin, body: { email: 'buyer@example.com' } });
    expect(c.status).toBe(201);
    const order = (items: unknown) => ({ customerId: c.body.id, amount: 10, orderedAt: '2024-06-01T10:00:00Z', items });
    const res = await t.request('POST', '/api/orders', {
      token: admin,
      body: { orders: [order([{ sku: 'A' }]), order({ blob: 'x'.repeat(70_000) })] },
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { path: 'orders[1].items', message: 'Items are too large in total (69 KB; 64 KB at most)' },
    ]);
    const list = await t.request('GET', `/api/customers/${c.body.id}/orders`, { token: admin });
    expect(list.body.items ?? list.body).toEqual([]);
  });

  it('an import reports the row over the limits and lands the good rows', async () => {
    const csv = [
      'email,first_name,notes',
      'good1@example.com,Asha,short note',
      `bad@example.com,Ravi,${'y'.repeat(2001)}`,
      'good2@example.com,Meera,another',
    ].join('\n');
    const job = await importFile(t, admin, csv, { kind: 'customers' });
    expect(job).toMatchObject({ status: 'completed', rows: 3, inserted: 2, failed: 1 });
    const found = async (email: string) =>
      (await t.request('GET', `/api/customers?q=${encodeURIComponent(email)}`, { token: admin })).body.items;
    expect(await found('good1@example.com')).toHaveLength(1);
    expect(await found('good2@example.com')).toHaveLength(1);
    expect(await found('bad@example.com')).toEqual([]);
    const report = await t.request('GET', `/api/imports/${job.id}/errors.csv`, { token: admin });
    const records = parse(report.text, { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => [r['row'], r['severity'], r['column'], r['message']])).toEqual([
      ['3', 'error', 'attributes', 'attributes value of "notes" is too long (2000 characters at most)'],
    ]);
  });
});
