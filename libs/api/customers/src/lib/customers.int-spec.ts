import { sql } from 'drizzle-orm';
import { signInTeam, startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';

describe.each(testDrivers())('customers, orders and visits (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let marketer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ driver });
    ({ admin, marketer, viewer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  const create = (body: Record<string, unknown>, token = marketer) =>
    t.request('POST', '/api/customers', { token, body });

  it('answers list items exactly as the detail route answers the same customer (the list is built in SQL)', async () => {
    const made = await create({
      email: 'same-shape@example.com',
      phone: '+919812345678',
      firstName: 'Same',
      lastName: 'Shape',
      city: 'Goa',
      tags: ['vip', 'b2b'],
      attributes: { tier: 'gold', score: 7.5, nested: { ok: true }, list: [1, 'a'] },
    });
    expect(made.status).toBe(201);
    // microseconds and odd cents: the formats must agree to the character
    await t.db.handle.db.execute(sql`update customers set total_spend = 1234.50, order_count = 3,
      first_order_at = '2025-01-02 03:04:05.678999+00', last_order_at = '2026-07-08 09:10:11.000001+00',
      created_at = '2030-01-01 00:00:00.123456+00', updated_at = '2030-01-01 00:00:00.999999+00'
      where id = ${made.body.id}`);
    const list = await t.request('GET', '/api/customers?limit=1', { token: viewer });
    const detail = await t.request('GET', `/api/customers/${made.body.id}`, { token: viewer });
    const fromDetail = { ...detail.body };
    delete fromDetail.recentOrders;
    // The list carries the model's outlook only when asked for it; then it matches the detail's too.
    const withOutlook = await t.request('GET', '/api/customers?limit=1&include=outlook', { token: viewer });
    expect(withOutlook.body.items[0]).toEqual(fromDetail);
    expect(fromDetail).toHaveProperty('outlook', null);
    delete fromDetail.outlook;
    expect(list.body.items[0].id).toBe(made.body.id);
    expect(list.body.items[0]).toEqual(fromDetail);
    expect(Object.keys(list.body.items[0])).toEqual(Object.keys(fromDetail));
    expect(list.body.items[0]).toMatchObject({ totalSpend: 1234.5, createdAt: '2030-01-01T00:00:00.123Z' });
    expect(list.body.items[0].email).not.toBe('same-shape@example.com'); // masked for viewers
    await t.db.handle.db.execute(sql`delete from customers where id = ${made.body.id}`);
  });

  it('creates a customer normalized like an import row', async () => {
    const res = await create({
      email: ' Asha@Example.COM ',
      phone: '098765 43210',
      firstName: '  Asha ',
      lastName: 'Rao',
      city: ' Pune',
      country: 'india',
      tags: ['VIP', 'vip; new'],
      attributes: { tier: 'gold' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'asha@example.com',
      phone: '+919876543210',
      firstName: 'Asha',
      city: 'Pune',
      country: 'IN',
      tags: ['vip', 'new'],
      attributes: { tier: 'gold' },
      totalSpend: 0,
      orderCount: 0,
      visitCount: 0,
      emailStatus: 'subscribed',
      smsStatus: 'subscribed',
    });
  });

  it('rejects invalid values field by field, and a customer without identifier', async () => {
    const bad = await create({ email: 'a@b', phone: '12', country: 'Narnia' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['country', 'email', 'phone']);
    const none = await create({ firstName: 'Nobody' });
    expect(none.status).toBe(400);
    expect(none.body.details[0].path).toBe('email');
    const unknown = await create({ email: 'x@example.com', shoeSize: 42 });
    expect(unknown.status).toBe(400);
  });

  it('answers 409 naming the duplicated identifier', async () => {
    const dupEmail = await create({ email: 'ASHA@example.com' });
    expect(dupEmail.status).toBe(409);
    expect(dupEmail.body.details).toEqual([{ path: 'email', message: expect.any(String) }]);
    const dupPhone = await create({ email: 'other@example.com', phone: '+91 98765 43210' });
    expect(dupPhone.status).toBe(409);
    expect(dupPhone.body.details[0].path).toBe('phone');
    const b = await create({ externalId: 'B-1', email: 'b@example.com' });
    expect(b.status).toBe(201);
    const patch = await t.request('PATCH', `/api/customers/${b.body.id}`, {
      token: marketer,
      body: { email: 'asha@example.com' },
    });
    expect(patch.status).toBe(409);
    expect(patch.body.details[0].path).toBe('email');
    const clear = await t.request('PATCH', `/api/customers/${b.body.id}`, {
      token: marketer,
      body: { email: null, externalId: null },
    });
    expect(clear.status).toBe(400);
  });

  it('updates, audits consent changes, deletes', async () => {
    const c = (await create({ email: 'consent@example.com', country: 'SE' })).body;
    const res = await t.request('PATCH', `/api/customers/${c.id}`, {
      token: marketer,
      body: { emailStatus: 'unsubscribed', phone: '070-123 45 67', city: 'Malmö' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ emailStatus: 'unsubscribed', phone: '+46701234567', city: 'Malmö' });
    const audit = await t.request('GET', '/api/audit?action=customer.consent_changed', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      entityId: c.id,
      diff: { emailStatus: { from: 'subscribed', to: 'unsubscribed' } },
    });
    expect((await t.request('DELETE', `/api/customers/${c.id}`, { token: marketer })).status).toBe(204);
    expect((await t.request('GET', `/api/customers/${c.id}`, { token: viewer })).status).toBe(404);
  });

  it('lets viewers read but not write', async () => {
    const c = (await create({ email: 'readonly@example.com' })).body;
    expect((await t.request('GET', `/api/customers/${c.id}`, { token: viewer })).status).toBe(200);
    expect((await t.request('GET', '/api/customers', { token: viewer })).status).toBe(200);
    expect((await create({ email: 'v@example.com' }, viewer)).status).toBe(403);
    expect((await t.request('PATCH', `/api/customers/${c.id}`, { token: viewer, body: { city: 'X' } })).status).toBe(
      403,
    );
    expect((await t.request('DELETE', `/api/customers/${c.id}`, { token: viewer })).status).toBe(403);
    expect((await t.request('POST', `/api/customers/${c.id}/visits`, { token: viewer, body: {} })).status).toBe(403);
    expect(
      (
        await t.request('POST', '/api/orders', {
          token: viewer,
          body: { customerId: c.id, amount: 1, orderedAt: '2024-01-01T00:00:00Z' },
        })
      ).status,
    ).toBe(403);
  });

  it('books orders with aggregates, idempotently, and names unknown customers', async () => {
    const c = (await create({ externalId: 'ORD-C', email: 'buyer@example.com' })).body;
    const one = await t.request('POST', '/api/orders', {
      token: marketer,
      body: {
        customerEmail: 'Buyer@Example.com',
        externalId: 'X1',
        amount: '1,499.50',
        orderedAt: '2024-02-01T10:00:00Z',
        items: [{ sku: 'A' }],
      },
    });
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({
      customerId: c.id,
      externalId: 'X1',
      amount: 1499.5,
      currency: 'INR',
      status: 'completed',
      items: [{ sku: 'A' }],
    });
    const again = await t.request('POST', '/api/orders', {
      token: marketer,
      body: { customerEmail: 'buyer@example.com', externalId: 'X1', amount: 5, orderedAt: '2024-02-02T10:00:00Z' },
    });
    expect(again.status).toBe(409);
    expect(again.body.details[0].path).toBe('externalId');

    const unknown = await t.request('POST', '/api/orders', {
      token: marketer,
      body: {
        orders: [
          { customerId: c.id, amount: 1, orderedAt: '2024-03-01T00:00:00Z' },
          { customerExternalId: 'ORD-C', amount: 2, orderedAt: '2024-03-01T00:00:00Z' },
          { customerEmail: 'ghost@example.com', amount: 3, orderedAt: '2024-03-01T00:00:00Z' },
        ],
      },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.details).toEqual([{ path: 'orders[2].customerEmail', message: expect.any(String) }]);
    const invalid = await t.request('POST', '/api/orders', {
      token: marketer,
      body: { orders: [{ customerId: c.id, amount: 'abc', orderedAt: 'yesterday' }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'orders[0].amount',
      'orders[0].orderedAt',
    ]);

    const batch = {
      orders: [
        { customerId: c.id, externalId: 'X2', amount: 100, currency: 'usd', orderedAt: '2024-01-15T00:00:00Z' },
        { customerExternalId: 'ORD-C', externalId: 'X1', amount: 999, orderedAt: '2024-05-01T00:00:00Z' },
        { customerExternalId: 'ORD-C', amount: 0.5, orderedAt: '2024-04-01T00:00:00Z' },
      ],
    };
    const res = await t.request('POST', '/api/orders', { token: marketer, body: batch });
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(2);
    expect(res.body.skipped).toEqual([{ index: 1, externalId: 'X1', reason: expect.any(String) }]);
    const detail = await t.request('GET', `/api/customers/${c.id}`, { token: viewer });
    expect(detail.body).toMatchObject({
      totalSpend: 1600,
      orderCount: 3,
      firstOrderAt: '2024-01-15T00:00:00.000Z',
      lastOrderAt: '2024-04-01T00:00:00.000Z',
    });
    expect(detail.body.recentOrders.map((o: { amount: number }) => o.amount)).toEqual([0.5, 1499.5, 100]);

    // Re-posting the batch books nothing new.
    const repost = await t.request('POST', '/api/orders', {
      token: marketer,
      body: { orders: batch.orders.slice(0, 2) },
    });
    expect(repost.body.inserted).toBe(0);
    expect((await t.request('GET', `/api/customers/${c.id}`, { token: viewer })).body).toMatchObject({
      totalSpend: 1600,
      orderCount: 3,
    });

    const p1 = await t.request('GET', `/api/customers/${c.id}/orders?limit=2`, { token: viewer });
    const p2 = await t.request('GET', `/api/customers/${c.id}/orders?limit=2&cursor=${p1.body.nextCursor}`, {
      token: viewer,
    });
    expect([...p1.body.items, ...p2.body.items].map((o: { amount: number }) => o.amount)).toEqual([0.5, 1499.5, 100]);
    expect(p2.body.nextCursor).toBeNull();
  });

  it('records visits', async () => {
    const c = (await create({ email: 'visitor@example.com' })).body;
    await t.request('POST', `/api/customers/${c.id}/visits`, { token: marketer, body: { at: '2024-06-01T12:00:00Z' } });
    const res = await t.request('POST', `/api/customers/${c.id}/visits`, {
      token: marketer,
      body: { at: '2024-05-01T12:00:00Z' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ visitCount: 2, lastActiveAt: '2024-06-01T12:00:00.000Z' });
  });

  describe('keyset paging', () => {
    beforeAll(async () => {
      const names = ['Zed', 'amy', 'Amy', null, 'Bob', 'bob', 'Carl', null, 'Dee', 'Eve', 'Amy', 'Zed'];
      for (let i = 0; i < 24; i++) {
        const c = (
          await create({
            email: `page${i}@example.com`,
            firstName: names[i % names.length],
            lastName: i % 3 === 0 ? null : `L${i % 4}`,
            city: i % 2 ? 'Delhi' : 'Pune',
            tags: i % 3 ? ['pg'] : ['pg', 'odd'],
          })
        ).body;
        if (i % 4 !== 0) {
          await t.request('POST', '/api/orders', {
            token: marketer,
            body: { customerId: c.id, amount: (i % 5) * 10, orderedAt: `2024-0${1 + (i % 3)}-01T00:00:00Z` },
          });
        }
      }
    });

    it.each([
      ['name', 'asc'],
      ['name', 'desc'],
      ['created', 'asc'],
      ['created', 'desc'],
      ['totalSpend', 'asc'],
      ['totalSpend', 'desc'],
      ['lastOrder', 'asc'],
      ['lastOrder', 'desc'],
    ])('sort=%s order=%s pages without gaps or repeats', async (sort, order) => {
      const base = `/api/customers?tag=pg&sort=${sort}&order=${order}`;
      const all = await t.request('GET', `${base}&limit=500`, { token: viewer });
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(24);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const res: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
          await t.request('GET', `${base}&limit=5${cursor ? `&cursor=${cursor}` : ''}`, { token: viewer });
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((c) => c.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(all.body.items.map((c: { id: string }) => c.id));
      if (sort === 'totalSpend') {
        const spend = all.body.items.map((c: { totalSpend: number }) => c.totalSpend);
        expect(spend).toEqual([...spend].sort((a, b) => (order === 'asc' ? a - b : b - a)));
      }
    });

    it('searches and filters, and refuses a cursor from another sort', async () => {
      const byCity = await t.request('GET', '/api/customers?tag=odd&city=pune&limit=500', { token: viewer });
      expect(byCity.body.items.length).toBeGreaterThan(0);
      for (const c of byCity.body.items)
        expect(c).toMatchObject({ city: 'Pune', tags: expect.arrayContaining(['odd']) });
      const search = await t.request('GET', '/api/customers?q=PAGE1%40example', { token: marketer });
      expect(search.body.items.map((c: { email: string }) => c.email)).toEqual(['page1@example.com']);
      const prefix = await t.request('GET', '/api/customers?q=page1&limit=500', { token: viewer });
      expect(prefix.body.items).toHaveLength(11);
      const page = await t.request('GET', '/api/customers?sort=name&limit=2', { token: viewer });
      const wrong = await t.request('GET', `/api/customers?sort=created&limit=2&cursor=${page.body.nextCursor}`, {
        token: viewer,
      });
      expect(wrong.status).toBe(400);
    });
  });
});
