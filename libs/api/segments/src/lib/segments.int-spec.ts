import { Client } from 'pg';
import { count, eq } from 'drizzle-orm';
import { campaigns, customers, segmentSnapshots, type Database } from '@mini-crm/db';
import type { SegmentGroup } from '@mini-crm/contracts';
import { createSegmentPredicate } from '@mini-crm/segment-engine';
import { startTestApp, TestApp, testDrivers } from '@mini-crm/api/testing';
import { SegmentsService } from './segments.service';
import { SegmentSnapshotCron } from './segment-snapshot.cron';
import { asSegmentCustomer, CustomerInsert, insertCustomers, makeCustomers } from './testing/segment-customers.fixture';

const RULE_TREES: Record<string, SegmentGroup> = {
  flat: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'MUMBAI' }] },
  nested: {
    op: 'and',
    rules: [
      { field: 'total_spend', operator: 'gt', value: 5000 },
      {
        op: 'or',
        rules: [
          { field: 'tags', operator: 'has_any', value: ['vip', 'wholesale'] },
          { field: 'days_since_last_order', operator: 'lte', value: 30 },
          { op: 'and', not: true, rules: [{ field: 'country', operator: 'in', value: ['in', 'us'] }] },
        ],
      },
    ],
  },
  deep: {
    op: 'or',
    rules: [
      {
        op: 'and',
        rules: [
          { field: 'attributes.tier', operator: 'eq', value: 'Gold' },
          { field: 'attributes.age', operator: 'gte', value: 40 },
        ],
      },
      {
        op: 'and',
        rules: [
          { field: 'last_active_at', operator: 'within_last_days', value: 14 },
          {
            op: 'or',
            rules: [
              { field: 'city', operator: 'is_empty' },
              { field: 'first_name', operator: 'starts_with', value: 'me' },
            ],
          },
        ],
      },
      { field: 'tags', operator: 'has_all', value: ['newsletter', 'churn-risk'] },
    ],
  },
  negatives: {
    op: 'and',
    rules: [
      { field: 'order_count', operator: 'between', value: [2, 10] },
      { field: 'email_status', operator: 'eq', value: 'subscribed' },
      { field: 'tags', operator: 'has_none', value: ['VIP'] },
      { field: 'last_order_at', operator: 'more_than_days_ago', value: 20 },
      { field: 'city', operator: 'neq', value: 'delhi' },
    ],
  },
  everyone: { op: 'and', rules: [] },
};

describe.each(testDrivers())('segments API (%s)', (driver) => {
  let t: TestApp;
  let db: Database;
  let admin: string;
  let marketer: string;
  let viewer: string;
  let rows: CustomerInsert[];
  let ids: Map<string, string>; // email → id

  const expectedIds = (rules: SegmentGroup, among = rows) => {
    const match = createSegmentPredicate(rules, new Date());
    return among
      .filter((c) => match(asSegmentCustomer(c)))
      .map((c) => ids.get(c.email as string) as string)
      .sort();
  };
  const preview = (rules: unknown, token = marketer) =>
    t.request('POST', '/api/segment-rules/preview', { token, body: { rules } });
  const create = (body: Record<string, unknown>, token = marketer) =>
    t.request('POST', '/api/segment-rules', { token, body });

  beforeAll(async () => {
    t = await startTestApp({ driver, env: { DB_STATEMENT_TIMEOUT_MS: '2000' } });
    db = t.db.handle.db;
    admin = (await t.login('admin@example.com')).accessToken;
    const m = await t.login('marketer@example.com');
    await t.request('PATCH', `/api/users/${m.user.id}`, { token: admin, body: { role: 'marketer' } });
    marketer = m.accessToken;
    viewer = (await t.login('viewer@example.com')).accessToken;
    rows = makeCustomers(300, 42, new Date());
    const inserted = await insertCustomers(db, rows);
    ids = new Map(inserted.map((r) => [r.email as string, r.id]));
  });
  afterAll(async () => t?.close());

  it.each(Object.keys(RULE_TREES))('preview count and sample agree with the in-memory evaluator: %s', async (name) => {
    const rules = RULE_TREES[name];
    const expected = expectedIds(rules);
    const res = await preview(rules);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(expected.length);
    expect(res.body.total).toBe(rows.length);
    expect(res.body.totalEstimated).toBe(false);
    expect(typeof res.body.summary).toBe('string');
    const sampleIds = res.body.sample.map((s: { id: string }) => s.id);
    expect(sampleIds).toEqual(expected.slice(0, 20));
    if (expected.length > 0) {
      const first = res.body.sample[0];
      expect(Object.keys(first).sort()).toEqual([
        'city',
        'email',
        'firstName',
        'id',
        'lastName',
        'lastOrderAt',
        'orderCount',
        'phone',
        'totalSpend',
      ]);
      expect(first.totalSpend).toMatch(/^\d+\.\d{2}$/);
      expect(typeof first.orderCount).toBe('number');
      expect(
        first.lastOrderAt === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(first.lastOrderAt),
      ).toBe(true);
    }
  });

  it('sanity: the rule trees are not trivial on this data', () => {
    for (const name of ['flat', 'nested', 'deep', 'negatives']) {
      const n = expectedIds(RULE_TREES[name]).length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(rows.length);
    }
  });

  it('answers 400 with engine paths for invalid rules', async () => {
    const unknownField = await preview({ op: 'and', rules: [{ field: 'nope', operator: 'eq', value: 'x' }] });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details).toEqual([
      { path: 'rules[0].field', message: expect.stringMatching(/unknown field/) },
    ]);

    const unknownOp = await preview({ op: 'and', rules: [{ field: 'city', operator: 'bogus', value: 'x' }] });
    expect(unknownOp.status).toBe(400);
    expect(unknownOp.body.details[0]).toMatchObject({ path: 'rules[0].operator' });

    const mismatch = await preview({
      op: 'and',
      rules: [
        { field: 'city', operator: 'eq', value: 'a' },
        { op: 'or', rules: [{ field: 'total_spend', operator: 'gt', value: 'abc' }] },
      ],
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      details: [{ path: 'rules[1].rules[0].value', message: 'expected a number' }],
    });

    const notAGroup = await preview('everyone');
    expect(notAGroup.status).toBe(400);
    expect(notAGroup.body.details[0].path).toBe('rules');

    const missing = await t.request('POST', '/api/segment-rules/preview', { token: marketer, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.details.some((d: { path: string }) => d.path === 'rules')).toBe(true);
  });

  it('treats injection attempts as plain values: they match nothing and break nothing', async () => {
    const evil = [
      "'; drop table customers; --",
      "Mumbai' or '1'='1",
      '%',
      '_',
      '\\',
      'x") or true --',
      '$1',
      '\u0000'.replace('\u0000', 'nul'),
    ];
    for (const value of evil) {
      for (const operator of ['eq', 'contains', 'starts_with']) {
        const res = await preview({
          op: 'or',
          rules: [
            { field: 'city', operator, value },
            { field: 'attributes.tier', operator, value },
          ],
        });
        expect(res.status).toBe(200);
        expect(res.body.count).toBe(0);
      }
      const tags = await preview({
        op: 'and',
        rules: [{ field: 'tags', operator: 'has_any', value: [value, `{${value}}`] }],
      });
      expect(tags.body.count).toBe(0);
      const list = await preview({ op: 'and', rules: [{ field: 'city', operator: 'in', value: [value] }] });
      expect(list.body.count).toBe(0);
    }
    const badKey = await preview({
      op: 'and',
      rules: [{ field: "attributes.x') or 1=1 --", operator: 'eq', value: 'a' }],
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.details[0].path).toBe('rules[0].field');
    const [{ n }] = await db.select({ n: count() }).from(customers);
    expect(Number(n)).toBe(rows.length);
  });

  it('lets viewers preview and read but not write', async () => {
    expect((await preview(RULE_TREES['flat'], viewer)).status).toBe(200);
    expect((await t.request('GET', '/api/segment-rules', { token: viewer })).status).toBe(200);
    expect((await t.request('GET', '/api/segment-fields', { token: viewer })).status).toBe(200);
    const denied = await create({ name: 'viewer segment', rules: RULE_TREES['flat'] }, viewer);
    expect(denied.status).toBe(403);
    expect(
      (await t.request('POST', '/api/segment-rules/preview', { body: { rules: RULE_TREES['flat'] } })).status,
    ).toBe(401);
  });

  it('creates, lists, reads, updates and audits segments; names are unique', async () => {
    const created = await create({ name: 'Mumbai shoppers', description: 'city is Mumbai', rules: RULE_TREES['flat'] });
    expect(created.status).toBe(201);
    const expectedSize = expectedIds(RULE_TREES['flat']).length;
    expect(created.body).toMatchObject({
      name: 'Mumbai shoppers',
      size: expectedSize,
      sizeTrend: [expectedSize],
      usedByCampaigns: 0,
      archivedAt: null,
    });
    expect(created.body.summary).toMatch(/Mumbai/i);
    const id = created.body.id;

    const dup = await create({ name: 'Mumbai shoppers', rules: RULE_TREES['everyone'] });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toMatch(/A segment named "Mumbai shoppers" already exists/);

    const invalid = await create({
      name: 'Broken',
      rules: { op: 'and', rules: [{ field: 'nope', operator: 'eq', value: 1 }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0].path).toBe('rules[0].field');

    const other = await create({ name: 'Big spenders', rules: RULE_TREES['nested'] });
    expect(other.status).toBe(201);

    const renameClash = await t.request('PATCH', `/api/segment-rules/${other.body.id}`, {
      token: marketer,
      body: { name: 'Mumbai shoppers' },
    });
    expect(renameClash.status).toBe(409);

    const patched = await t.request('PATCH', `/api/segment-rules/${id}`, {
      token: marketer,
      body: { rules: RULE_TREES['deep'], description: null },
    });
    expect(patched.status).toBe(200);
    const deepSize = expectedIds(RULE_TREES['deep']).length;
    expect(patched.body).toMatchObject({ size: deepSize, sizeTrend: [expectedSize, deepSize], description: null });

    const detail = await t.request('GET', `/api/segment-rules/${id}`, { token: viewer });
    expect(detail.status).toBe(200);
    expect(detail.body.history.map((h: { size: number }) => h.size)).toEqual([expectedSize, deepSize]);
    expect(new Date(detail.body.history[0].at).getTime()).toBeLessThanOrEqual(
      new Date(detail.body.history[1].at).getTime(),
    );

    const search = await t.request('GET', '/api/segment-rules?q=mumbai', { token: viewer });
    expect(search.body.items.map((s: { name: string }) => s.name)).toEqual(['Mumbai shoppers']);

    const page1 = await t.request('GET', '/api/segment-rules?limit=1', { token: viewer });
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0].name).toBe('Mumbai shoppers'); // most recently changed first
    const page2 = await t.request('GET', `/api/segment-rules?limit=1&cursor=${page1.body.nextCursor}`, {
      token: viewer,
    });
    expect(page2.body.items[0].name).toBe('Big spenders');

    expect(
      (await t.request('GET', '/api/segment-rules/00000000-0000-4000-8000-000000000000', { token: viewer })).status,
    ).toBe(404);
    expect((await t.request('GET', '/api/segment-rules/not-a-uuid', { token: viewer })).status).toBe(400);

    const audit = await t.request('GET', '/api/audit?action=segment.updated', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      action: 'segment.updated',
      entity: 'segment',
      entityId: id,
      actorEmail: 'marketer@example.com',
    });
    expect((await t.request('GET', '/api/audit?action=segment.created', { token: admin })).body.items).toHaveLength(2);
  });

  it('blocks deleting a segment a campaign uses (409), allows archiving it', async () => {
    const seg = await create({ name: 'In use', rules: RULE_TREES['negatives'] });
    const [campaign] = await db
      .insert(campaigns)
      .values({ name: 'Spring sale', segmentId: seg.body.id, channel: 'sms', message: 'Hi {{firstName}}' })
      .returning();
    const del = await t.request('DELETE', `/api/segment-rules/${seg.body.id}`, { token: marketer });
    expect(del.status).toBe(409);
    expect(del.body.message).toMatch(/used by 1 campaign .*archive it instead/);
    expect((await t.request('GET', `/api/segment-rules/${seg.body.id}`, { token: viewer })).body.usedByCampaigns).toBe(
      1,
    );

    const archived = await t.request('POST', `/api/segment-rules/${seg.body.id}/archive`, { token: marketer });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    const listed = await t.request('GET', '/api/segment-rules?limit=100', { token: viewer });
    expect(listed.body.items.map((s: { id: string }) => s.id)).not.toContain(seg.body.id);
    const withArchived = await t.request('GET', '/api/segment-rules?limit=100&includeArchived=true', { token: viewer });
    expect(withArchived.body.items.find((s: { id: string }) => s.id === seg.body.id)).toMatchObject({
      usedByCampaigns: 1,
    });
    expect((await t.request('GET', '/api/segment-rules?includeArchived=maybe', { token: viewer })).status).toBe(400);

    const restored = await t.request('POST', `/api/segment-rules/${seg.body.id}/unarchive`, { token: marketer });
    expect(restored.body.archivedAt).toBeNull();

    await db.delete(campaigns).where(eq(campaigns.id, campaign.id));
    expect((await t.request('DELETE', `/api/segment-rules/${seg.body.id}`, { token: marketer })).status).toBe(204);
    expect((await t.request('GET', `/api/segment-rules/${seg.body.id}`, { token: viewer })).status).toBe(404);
    const actions = (await t.request('GET', `/api/audit?limit=200`, { token: admin })).body.items
      .filter((a: { entityId: string }) => a.entityId === seg.body.id)
      .map((a: { action: string }) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['segment.created', 'segment.archived', 'segment.unarchived', 'segment.deleted']),
    );
  });

  it('pages through a segment’s customers by id', async () => {
    const seg = await create({ name: 'Pager', rules: RULE_TREES['nested'] });
    const expected = expectedIds(RULE_TREES['nested']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await t.request(
        'GET',
        `/api/segment-rules/${seg.body.id}/customers?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        { token: viewer },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(
      (await t.request('GET', `/api/segment-rules/${seg.body.id}/customers?cursor=garbage`, { token: viewer })).status,
    ).toBe(400);
  });

  it('exposes getAudience, countAudience and audienceStats to other modules', async () => {
    const service = t.app.get(SegmentsService);
    const seg = await create({ name: 'Stats', rules: RULE_TREES['negatives'] });
    const audience = await service.getAudience(seg.body.id);
    expect(audience.segment).toMatchObject({ id: seg.body.id, name: 'Stats', rules: RULE_TREES['negatives'] });
    const [{ n }] = await db.select({ n: count() }).from(customers).where(audience.predicate);
    const expected = expectedIds(RULE_TREES['negatives']);
    expect(Number(n)).toBe(expected.length);
    expect(await service.countAudience(RULE_TREES['negatives'])).toBe(expected.length);

    const stats = await service.audienceStats(seg.body.id);
    const members = rows.filter((r) => expected.includes(ids.get(r.email as string) as string));
    const spends = members.map((m) => Number(m.totalSpend)).sort((a, b) => a - b);
    expect(stats.size).toBe(expected.length);
    expect(stats.spend.max).toBe(spends[spends.length - 1]);
    expect(stats.recency.shareNoOrders).toBe(0); // order_count between 2 and 10
    const cityCounts = new Map<string, number>();
    for (const m of members) if (m.city) cityCounts.set(m.city, (cityCounts.get(m.city) ?? 0) + 1);
    const top = [...cityCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
    expect(stats.topCities.map((c) => c.count)).toEqual(top.map(([, c]) => c));
    expect(stats.orders.median).toBeGreaterThanOrEqual(2);
    expect(stats.recency.medianDaysSinceLastOrder).toBeGreaterThan(20);
  });

  it('aggregates the insights scores of a segment (scored members only, no customer rows)', async () => {
    const service = t.app.get(SegmentsService);
    const rules: SegmentGroup = { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Scoreville' }] };
    const seg = await create({ name: 'Scored', rules });
    const empty = await service.audienceStats(seg.body.id);
    expect(empty.predictions).toEqual({
      scored: 0,
      medianChurnRisk: null,
      shareHighChurnRisk: null,
      medianPredictedClv: null,
      expectedOrders30d: null,
      rfmSegments: [],
    });
    const scores = [
      { churnRisk: 0.9, predictedClv: '1000.00', expectedOrders30d: 0.1, rfmSegment: 'at_risk' },
      { churnRisk: 0.8, predictedClv: '3000.00', expectedOrders30d: 0.2, rfmSegment: 'at_risk' },
      { churnRisk: 0.2, predictedClv: '9000.00', expectedOrders30d: 1.5, rfmSegment: 'champions' },
      { churnRisk: null, predictedClv: null, expectedOrders30d: null, rfmSegment: null },
    ];
    const made = await db
      .insert(customers)
      .values(scores.map((sc, i) => ({ email: `scored${i}@example.com`, city: 'Scoreville', ...sc })))
      .returning({ id: customers.id });
    try {
      const stats = await service.audienceStats(seg.body.id);
      expect(stats.size).toBe(4);
      expect(stats.predictions).toEqual({
        scored: 3,
        medianChurnRisk: 0.8,
        shareHighChurnRisk: 0.6667,
        medianPredictedClv: 3000,
        expectedOrders30d: 1.8,
        rfmSegments: [
          { segment: 'at_risk', count: 2 },
          { segment: 'champions', count: 1 },
        ],
      });
    } finally {
      for (const { id } of made) await db.delete(customers).where(eq(customers.id, id));
    }
  });

  it('snapshots non-archived segments daily; the cron skips freshly counted ones', async () => {
    const a = await create({ name: 'Snap A', rules: RULE_TREES['flat'] });
    const b = await create({ name: 'Snap B', rules: RULE_TREES['deep'] });
    await t.request('POST', `/api/segment-rules/${b.body.id}/archive`, { token: marketer });
    const snaps = async (id: string) =>
      Number((await db.select({ n: count() }).from(segmentSnapshots).where(eq(segmentSnapshots.segmentId, id)))[0].n);
    expect(await snaps(a.body.id)).toBe(1);

    const cron = t.app.get(SegmentSnapshotCron);
    await cron.run();
    expect(await snaps(a.body.id)).toBe(1); // counted at creation, still fresh

    await t.app.get(SegmentsService).snapshotAll();
    expect(await snaps(a.body.id)).toBe(2);
    expect(await snaps(b.body.id)).toBe(1);

    await cron.run(new Date(Date.now() + 13 * 3600_000));
    expect(await snaps(a.body.id)).toBe(3);
    expect(await snaps(b.body.id)).toBe(1);
    const detail = await t.request('GET', `/api/segment-rules/${a.body.id}`, { token: viewer });
    expect(detail.body.history).toHaveLength(3);
    expect(detail.body.sizeTrend).toHaveLength(3);
  });

  it('lists registry fields, attribute keys and frequent values', async () => {
    const res = await t.request('GET', '/api/segment-fields', { token: viewer });
    expect(res.status).toBe(200);
    expect(res.body.fields.find((f: { name: string }) => f.name === 'email_status')).toMatchObject({
      type: 'enum',
      enumValues: ['subscribed', 'unsubscribed', 'blocklisted'],
    });
    expect(res.body.fields.find((f: { name: string }) => f.name === 'days_since_last_order')).toMatchObject({
      integer: true,
      operators: expect.arrayContaining(['lte']),
    });
    expect(res.body.attributeKeys).toEqual(expect.arrayContaining(['tier', 'age', 'nested']));
    const cities = res.body.values.city.map((v: { value: string }) => v.value);
    expect(cities).toEqual(expect.arrayContaining(['Mumbai', 'mumbai', 'Delhi']));
    expect(cities).not.toContain('');
    const mumbai = rows.filter((r) => r.city === 'Mumbai').length;
    expect(res.body.values.city.find((v: { value: string }) => v.value === 'Mumbai').count).toBe(mumbai);
    expect(res.body.values.tags.map((v: { value: string }) => v.value)).toEqual(
      expect.arrayContaining(['vip', 'VIP', 'newsletter']),
    );
    expect(res.body.values.country.map((v: { value: string }) => v.value)).toEqual(
      expect.arrayContaining(['IN', 'US']),
    );
  });

  it('streams the audience as formula-safe CSV in batches', async () => {
    const now = new Date();
    const bulk = makeCustomers(2100, 7, now, 'bulk').map((c, i) => ({
      ...c,
      tags: ['bulk-export'],
      city: i === 0 ? '=HYPERLINK("http://evil")' : c.city,
    }));
    bulk[1] = { ...bulk[1], firstName: '+SUM(1,2)', lastName: '-2+3', phone: null };
    bulk[2] = { ...bulk[2], firstName: '@cmd', lastName: '\tTab', city: 'Pune, "West"' };
    const inserted = await insertCustomers(db, bulk);
    const seg = await create({
      name: 'Export me',
      rules: { op: 'and', rules: [{ field: 'tags', operator: 'has_any', value: ['bulk-export'] }] },
    });

    const res = await fetch(`${t.baseUrl}/api/segment-rules/${seg.body.id}/export.csv`, {
      headers: { authorization: `Bearer ${marketer}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="export-me-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(
      'id,first_name,last_name,email,phone,city,country,tags,total_spend,order_count,visit_count,last_order_at,last_active_at,email_status,sms_status',
    );
    expect(lines).toHaveLength(1 + 2100);
    const ordered = inserted.map((r) => r.id).sort();
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(ordered);
    const byId = new Map(lines.slice(1).map((l) => [l.slice(0, 36), l]));
    expect(byId.get(inserted[0].id)).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(byId.get(inserted[1].id)).toContain(`'+SUM(1,2)`);
    expect(byId.get(inserted[1].id)).toContain(`,'-2+3,`);
    expect(byId.get(inserted[2].id)).toContain(`,'@cmd,'\tTab,`);
    expect(byId.get(inserted[2].id)).toContain(`"Pune, ""West"""`);
    expect(text).not.toMatch(/(^|,)[=+@-]/m);

    const missing = `/api/segment-rules/00000000-0000-4000-8000-000000000000/export.csv`;
    expect((await t.request('GET', missing, { token: viewer })).status).toBe(403); // bulk personal data: marketer
    expect((await t.request('GET', missing, { token: marketer })).status).toBe(404);
  });

  (driver === 'pg' ? it : it.skip)('turns a runaway preview into 504 via the statement timeout', async () => {
    const locker = new Client({ connectionString: t.db.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table customers in access exclusive mode');
      const started = Date.now();
      const res = await preview(RULE_TREES['flat']);
      expect(res.status).toBe(504);
      expect(res.body.message).toMatch(/statement timeout/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
    expect((await preview(RULE_TREES['flat'])).status).toBe(200);
  });
});
