import { signInTeam, startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';

describe.each(testDrivers())('POST /api/orders/batch (%s)', (driver) => {
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
    t.request('POST', '/api/orders/batch', { token, body: { records } });
  const customer = async (body: Record<string, unknown>) =>
    (await t.request('POST', '/api/customers', { token: marketer, body })).body as { id: string };
  const get = async (id: string) => (await t.request('GET', `/api/customers/${id}`, { token: admin })).body;

  it('books new orders, updates known ones, and keeps the aggregates right', async () => {
    const a = await customer({ email: 'ob-a@example.com', externalId: 'ob-cust-a' });
    const b = await customer({ email: 'ob-b@example.com' });
    const first = await batch([
      { externalId: 'ob-1', customerEmail: 'OB-A@example.com', amount: 100, orderedAt: '2026-11-01T10:00:00Z' },
      { externalId: 'ob-2', customerExternalId: 'ob-cust-a', amount: '250.50', orderedAt: '2026-11-05T10:00:00Z' },
      { externalId: 'ob-3', customerId: b.id, amount: 40, orderedAt: '2026-11-02T10:00:00Z', items: [{ sku: 'x' }] },
    ]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, invalid: 0 });
    expect(await get(a.id)).toMatchObject({
      totalSpend: 350.5,
      orderCount: 2,
      firstOrderAt: '2026-11-01T10:00:00.000Z',
      lastOrderAt: '2026-11-05T10:00:00.000Z',
    });

    const second = await batch([
      {
        externalId: 'ob-1',
        customerEmail: 'ob-a@example.com',
        amount: 80,
        status: 'Refunded',
        orderedAt: '2026-11-01T10:00:00Z',
      },
      { externalId: 'ob-2', customerExternalId: 'ob-cust-a', amount: '250.5', orderedAt: '2026-11-05T10:00:00Z' },
      { externalId: 'ob-3', customerId: b.id, amount: 40, orderedAt: '2026-11-02T10:00:00Z', items: [{ sku: 'y' }] },
      { externalId: 'ob-4', customerId: b.id, amount: 10, orderedAt: '2026-11-20T10:00:00Z' },
    ]);
    expect(second.body.results).toEqual([
      { index: 0, status: 'updated', id: first.body.results[0].id },
      { index: 1, status: 'unchanged', id: first.body.results[1].id },
      { index: 2, status: 'updated', id: first.body.results[2].id },
      { index: 3, status: 'created', id: expect.any(String) },
    ]);
    expect(await get(a.id)).toMatchObject({ totalSpend: 330.5, orderCount: 2 });
    const bAfter = await get(b.id);
    expect(bAfter).toMatchObject({ totalSpend: 50, orderCount: 2, lastOrderAt: '2026-11-20T10:00:00.000Z' });
    const updated = bAfter.recentOrders.find((o: { externalId: string }) => o.externalId === 'ob-3');
    expect(updated.items).toEqual([{ sku: 'y' }]);
    const refunded = (await get(a.id)).recentOrders.find((o: { externalId: string }) => o.externalId === 'ob-1');
    expect(refunded).toMatchObject({ amount: 80, status: 'refunded' });
  });

  it('reports bad records by path and books the good ones', async () => {
    const c = await customer({ email: 'ob-mixed@example.com' });
    const other = await customer({ email: 'ob-other@example.com' });
    await batch([{ externalId: 'ob-owned', customerId: other.id, amount: 5, orderedAt: '2026-11-01T00:00:00Z' }]);
    const res = await batch([
      { externalId: 'ob-m1', customerId: c.id, amount: 20, orderedAt: '2026-11-03T00:00:00Z' },
      { externalId: 'ob-m2', customerId: c.id, amount: -1, orderedAt: '2026-11-03T00:00:00Z' },
      { externalId: 'ob-m3', customerEmail: 'nobody@example.com', amount: 1, orderedAt: '2026-11-03T00:00:00Z' },
      { customerId: c.id, amount: 1, orderedAt: '2026-11-03T00:00:00Z' },
      { externalId: 'ob-m1', customerId: c.id, amount: 1, orderedAt: '2026-11-03T00:00:00Z' },
      { externalId: 'ob-owned', customerId: c.id, amount: 1, orderedAt: '2026-11-03T00:00:00Z' },
      { externalId: 'ob-m7', customerId: c.id, amount: 1, orderedAt: 'yesterday' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 0, invalid: 6 });
    const paths = res.body.results.map((r: { errors?: Array<{ path: string }> }) => r.errors?.map((e) => e.path));
    expect(paths).toEqual([
      undefined,
      ['records[1].amount'],
      ['records[2].customerEmail'],
      ['records[3].externalId'],
      ['records[4].externalId'],
      ['records[5].customerId'],
      ['records[6].orderedAt'],
    ]);
    expect(await get(c.id)).toMatchObject({ totalSpend: 20, orderCount: 1 });
    expect(await get(other.id)).toMatchObject({ totalSpend: 5, orderCount: 1 });
  });

  it('refuses more than 1,000 records with 400, needs customers.write, and audits each batch once', async () => {
    const c = await customer({ email: 'ob-many@example.com' });
    const many = Array.from({ length: 1001 }, (_, i) => ({
      externalId: `ob-many-${i}`,
      customerId: c.id,
      amount: 1,
      orderedAt: '2026-11-03T00:00:00Z',
    }));
    const res = await batch(many);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'records', message: expect.stringContaining('1 to 1000') }]);
    expect(await get(c.id)).toMatchObject({ orderCount: 0 });
    expect((await batch(many.slice(0, 1), viewer)).status).toBe(403);
    expect((await batch(many.slice(0, 2))).body).toMatchObject({ created: 2 });
    const audit = await t.request('GET', '/api/audit?action=orders.batch_upserted', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      diff: { records: 2, created: 2, updated: 0, unchanged: 0, invalid: 0 },
    });
  });
});
