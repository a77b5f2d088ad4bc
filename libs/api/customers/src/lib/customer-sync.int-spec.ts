import { Client } from 'pg';
import { signInTeam, startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';

describe.each(testDrivers())('GET /api/customers?updatedSince (%s)', (driver) => {
  let t: TestApp;
  let marketer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ driver });
    ({ marketer, viewer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  const create = async (email: string) =>
    (await t.request('POST', '/api/customers', { token: marketer, body: { email } })).body as { id: string };
  const page = (updatedSince: string, cursor?: string, limit = 2) =>
    t.request(
      'GET',
      `/api/customers?updatedSince=${encodeURIComponent(updatedSince)}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: viewer },
    );
  /** Every page from `since`; `between` runs after each page (to change rows while paging). */
  const sync = async (since: string, between?: (pageNo: number) => Promise<void>) => {
    const seen: Array<{ id: string; updatedAt: string }> = [];
    let cursor: string | undefined;
    for (let n = 0; n < 50; n++) {
      const res = await page(since, cursor);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      await between?.(n);
      if (!res.body.nextCursor) return seen;
      cursor = res.body.nextCursor;
    }
    throw new Error('sync did not end');
  };
  /** The database's clock, after every write so far. */
  const serverNow = async () => {
    const c = await create(`clock-${Math.random()}@example.com`);
    return ((await t.request('GET', `/api/customers/${c.id}`, { token: viewer })).body as { updatedAt: string })
      .updatedAt;
  };

  it('answers exactly the customers changed at or after the instant, oldest first, across pages', async () => {
    const old = await Promise.all([1, 2, 3, 4, 5].map((i) => create(`old${i}@example.com`)));
    const since = new Date(new Date(await serverNow()).getTime() + 1).toISOString();
    await t.request('PATCH', `/api/customers/${old[1].id}`, { token: marketer, body: { city: 'Pune' } });
    await t.request('POST', `/api/customers/${old[3].id}/visits`, { token: marketer, body: {} });
    await t.request('POST', `/api/customers/${old[4].id}/consent`, {
      token: marketer,
      body: { channel: 'email', status: 'unsubscribed', source: 'sync test' },
    });
    const fresh = await t.request('POST', '/api/customers/batch', {
      token: marketer,
      body: {
        records: [
          { email: 'new1@example.com' },
          { email: 'new2@example.com' },
          { email: 'old1@example.com', city: 'Goa' },
        ],
      },
    });
    await t.request('POST', '/api/orders', {
      token: marketer,
      body: { customerId: old[2].id, amount: 5, orderedAt: '2026-11-01T00:00:00Z' },
    });
    const expected = [
      old[1].id,
      old[3].id,
      old[4].id,
      ...fresh.body.results.map((r: { id: string }) => r.id),
      old[2].id,
    ];
    const seen = await sync(since);
    expect(seen.map((c) => c.id).sort()).toEqual([...new Set(expected)].sort());
    expect(seen.length).toBe(new Set(expected).size);
    const stamps = seen.map((c) => c.updatedAt);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('stays complete while rows change during paging: a changed row comes again later, none is skipped', async () => {
    const since = new Date(new Date(await serverNow()).getTime() + 1).toISOString();
    const rows: Array<{ id: string }> = [];
    for (let i = 0; i < 6; i++) rows.push(await create(`paging${i}@example.com`));
    const firstPage = (await page(since)).body.items.map((c: { id: string }) => c.id);
    const seen = await sync(since, async (n) => {
      if (n === 0) {
        // A row already seen and one not yet seen both change while the consumer pages.
        await t.request('PATCH', `/api/customers/${firstPage[0]}`, { token: marketer, body: { city: 'Agra' } });
        await t.request('PATCH', `/api/customers/${rows[4].id}`, { token: marketer, body: { city: 'Agra' } });
      }
    });
    const ids = seen.map((c) => c.id);
    expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));
    expect(ids.filter((id) => id === firstPage[0])).toHaveLength(2);
    expect(ids.filter((id) => id === rows[4].id)).toHaveLength(1);
  });

  it('400 for a bad date or a conflicting sort', async () => {
    for (const bad of ['yesterday', '2026-13-01T00:00:00Z', '']) {
      const res = await t.request('GET', `/api/customers?updatedSince=${encodeURIComponent(bad)}`, { token: viewer });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ path: 'updatedSince', message: expect.any(String) }]);
    }
    const sorted = await t.request('GET', '/api/customers?updatedSince=2026-01-01T00:00:00Z&sort=name', {
      token: viewer,
    });
    expect(sorted.status).toBe(400);
    expect(sorted.body.details).toEqual([{ path: 'sort', message: expect.any(String) }]);
  });

  if (driver === 'pg')
    it('holds a page back at the start of a transaction still open elsewhere, so no row is stamped behind the cursor', async () => {
      const since = new Date(new Date(await serverNow()).getTime() + 1).toISOString();
      const slow = await create('slow-writer@example.com');
      const client = new Client({ connectionString: t.db.url });
      await client.connect();
      try {
        await client.query('begin');
        // Stamped with this transaction's start, before the row committed next.
        await client.query(`update customers set city = 'Slow', updated_at = now() where id = $1`, [slow.id]);
        const later = await create('later-writer@example.com');
        // The consumer syncs while that transaction is open: the row committed after its start must wait.
        const during = await sync(since);
        expect(during.map((c) => c.id)).toContain(slow.id);
        expect(during.map((c) => c.id)).not.toContain(later.id);
        await client.query('commit');
        // Resuming from the last change seen finds the slow writer's change, stamped before the later row's.
        const resumed = await sync(during[during.length - 1].updatedAt);
        expect(resumed.map((c) => c.id)).toEqual(expect.arrayContaining([slow.id, later.id]));
        expect((resumed.find((c) => c.id === slow.id) as { city?: string }).city).toBe('Slow');
      } finally {
        await client.end();
      }
    });
});
