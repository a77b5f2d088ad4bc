import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite';
import * as fc from 'fast-check';
import {
  ENGAGEMENT_OPERATORS,
  fieldByName,
  SEGMENT_FIELDS,
  type SegmentCondition,
  type SegmentFieldDef,
  type SegmentGroup,
  type SegmentOperator,
  type SegmentRule,
  RFM_SEGMENT_VALUES,
} from '@mini-crm/contracts';
import { compileSegmentRules } from './segment-sql.compiler';
import { createSegmentPredicate, type SegmentCustomer } from './segment-evaluate.util';
import { validateSegmentRules } from './segment-validate.util';
import { DAY_MS } from './segment-values.util';

/** SQL compiler and in-memory evaluator must select exactly the same customers. */

const NOW = new Date('2025-06-15T12:34:56.789Z');
const RUNS = 200;

const CREATE_CUSTOMERS = `
  create table customers (
    id integer primary key,
    first_name text, last_name text, email text, phone text, city text, country text,
    tags text[], attributes jsonb,
    total_spend numeric(14,2), order_count integer, visit_count integer,
    first_order_at timestamptz, last_order_at timestamptz, last_active_at timestamptz,
    email_status text, sms_status text, created_at timestamptz,
    last_opened_at timestamptz, last_clicked_at timestamptz,
    rfm_score text, rfm_segment text, recency_score smallint, frequency_score smallint, monetary_score smallint,
    churn_risk double precision, p_alive double precision, expected_orders_30d double precision,
    expected_orders_90d double precision, predicted_clv numeric(14,2), avg_order_value numeric(14,2)
  );
  create table messages (
    campaign_id uuid not null, customer_id integer not null, status text not null,
    delivered_at timestamptz, opened_at timestamptz, clicked_at timestamptz,
    unique (campaign_id, customer_id)
  );
  create table engagement_events (
    campaign_id uuid not null, customer_id integer not null, link_id integer,
    type text not null, at timestamptz not null, machine boolean not null default false
  );
  create index on engagement_events (customer_id, at);
  create table conversions (campaign_id uuid not null, customer_id integer not null);
  create index on conversions (customer_id)`;

type Row = SegmentCustomer & { id: number };

const CAMPAIGNS = [
  '0190a5f2-0000-7000-8000-000000000001',
  '0190a5f2-0000-7000-8000-000000000002',
  '0190a5f2-0000-7000-8000-0000000000ab',
];
/** Never sent: every condition on it matches no one. */
const UNKNOWN_CAMPAIGN = '0190a5f2-0000-7000-8000-0000000000ff';
const LINKS = [1, 2, 3];

const TEXTS = [
  'Mumbai',
  'mumbai',
  'MUMBAI',
  'Delhi',
  'New Delhi',
  '',
  'Pune',
  "O'Brien",
  '50%_off',
  'a\\b',
  'Émile',
  'x',
];
const STATUSES = ['subscribed', 'unsubscribed', 'blocklisted', ''];
const SPENDS = [0, 50, 99.99, 100, 100.01, 250.5, 5000, 12345.67];
const TAGS = ['vip', 'VIP', 'new', 'churned', 'b2b'];
const ATTRIBUTE_KEYS = ['plan', 'score', 'note'];
const ATTRIBUTE_VALUES: unknown[] = [
  'gold',
  'Gold',
  'silver',
  '',
  5,
  10,
  10.5,
  -3,
  '10',
  '10.5',
  '-3',
  '1e3',
  ' 7',
  true,
  false,
  null,
  { a: 1 },
  [1],
];

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

/** Timestamps clustered on whole-day boundaries relative to NOW, where off-by-one bugs live. */
const timestampArb = fc
  .tuple(fc.integer({ min: -2, max: 40 }), fc.constantFrom(-1, 0, 1, 3_600_000, DAY_MS / 2, DAY_MS - 1))
  .map(([days, delta]) => new Date(NOW.getTime() - days * DAY_MS + delta).toISOString());

/** Event times clustered on the 90-day window's edges and on now. */
const eventTimeArb = fc
  .tuple(fc.constantFrom(-1, 0, 1, 5, 89, 90, 91), fc.constantFrom(-1, 0, 1, 3_600_000))
  .map(([days, delta]) => new Date(NOW.getTime() - days * DAY_MS + delta).toISOString());

const engagementArb = fc.record({
  messages: fc.subarray(CAMPAIGNS).chain((ids) =>
    fc.tuple(
      ...ids.map((campaign_id) =>
        fc.record({
          campaign_id: fc.constant(campaign_id),
          status: fc.constantFrom('queued', 'sent', 'sent', 'sent', 'failed'),
          delivered_at: nullable(timestampArb),
          opened_at: nullable(timestampArb),
          clicked_at: nullable(timestampArb),
        }),
      ),
    ),
  ),
  events: fc.array(
    fc.record({
      campaign_id: fc.constantFrom(...CAMPAIGNS),
      link_id: fc.option(fc.constantFrom(...LINKS), { nil: null }),
      type: fc.constantFrom('open', 'click'),
      at: eventTimeArb,
      machine: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  conversions: fc.subarray(CAMPAIGNS).map((ids) => ids.map((campaign_id) => ({ campaign_id }))),
});

const customerArb = fc.record({
  first_name: nullable(fc.constantFrom(...TEXTS)),
  last_name: nullable(fc.constantFrom(...TEXTS)),
  email: nullable(fc.constantFrom('ann@example.com', 'ANN@example.com', 'bob@test.io', '')),
  phone: nullable(fc.constantFrom('+919812345678', '+14155550100', '')),
  city: nullable(fc.constantFrom(...TEXTS)),
  country: nullable(fc.constantFrom('IN', 'in', 'US', '')),
  created_at: nullable(timestampArb),
  email_status: nullable(fc.constantFrom(...STATUSES)),
  sms_status: nullable(fc.constantFrom(...STATUSES)),
  total_spend: nullable(fc.constantFrom(...SPENDS)),
  order_count: nullable(fc.integer({ min: 0, max: 6 })),
  visit_count: nullable(fc.integer({ min: 0, max: 6 })),
  first_order_at: nullable(timestampArb),
  last_order_at: nullable(timestampArb),
  last_active_at: nullable(timestampArb),
  last_opened_at: nullable(timestampArb),
  last_clicked_at: nullable(timestampArb),
  tags: nullable(fc.subarray(TAGS)),
  attributes: nullable(fc.dictionary(fc.constantFrom(...ATTRIBUTE_KEYS), fc.constantFrom(...ATTRIBUTE_VALUES))),
  rfm_score: nullable(fc.constantFrom('545', '111', '5', '')),
  rfm_segment: nullable(fc.constantFrom(...RFM_SEGMENT_VALUES)),
  recency_score: nullable(fc.integer({ min: 1, max: 5 })),
  frequency_score: nullable(fc.integer({ min: 1, max: 5 })),
  monetary_score: nullable(fc.integer({ min: 1, max: 5 })),
  churn_risk: nullable(fc.constantFrom(0, 0.3, 0.7, 1)),
  p_alive: nullable(fc.constantFrom(0, 0.3, 0.7, 1)),
  expected_orders_30d: nullable(fc.constantFrom(0, 0.04, 1.5, 3)),
  expected_orders_90d: nullable(fc.constantFrom(0, 0.2, 2, 5.5)),
  predicted_clv: nullable(fc.constantFrom(...SPENDS)),
  avg_order_value: nullable(fc.constantFrom(...SPENDS)),
  engagement: nullable(engagementArb),
});

function valueArb(def: SegmentFieldDef, op: SegmentOperator): fc.Arbitrary<unknown> {
  const text = fc.constantFrom(...TEXTS, 'mum', 'DEL', '%', '_', "'", 'a\\', "x'; drop table customers; --");
  const day = fc.integer({ min: 0, max: 35 });
  const textList = fc.array(text, { minLength: 1, maxLength: 4 });
  if (def.attributeKey !== undefined) {
    const number = fc.constantFrom(-3, 0, 5, 7, 10, 10.5, 1000);
    if (op === 'between') return fc.tuple(number, number).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
    if (['gt', 'gte', 'lt', 'lte'].includes(op)) return number;
    if (op === 'eq' || op === 'neq')
      return fc.oneof(number, fc.constantFrom('gold', 'GOLD', '10', '5', 'true', '10.5', ''));
    if (op === 'in') return fc.array(fc.constantFrom('gold', 'SILVER', '10', 'true'), { minLength: 1, maxLength: 3 });
    return fc.constantFrom('gol', 'G', '1', '', 'tru', '%');
  }
  if (def.eventCount !== undefined) {
    const count = fc.integer({ min: 0, max: 4 });
    if (op === 'between') return fc.tuple(count, count).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
    return count;
  }
  switch (def.type) {
    case 'campaign':
      return fc.constantFrom(...CAMPAIGNS, CAMPAIGNS[2].toUpperCase(), UNKNOWN_CAMPAIGN);
    case 'string':
      return op === 'in' ? textList : text;
    case 'enum':
      return op === 'in'
        ? fc.subarray([...(def.enumValues ?? [])], { minLength: 1 })
        : fc.constantFrom(...(def.enumValues ?? []));
    case 'number':
    case 'currency': {
      const number = def.integer
        ? day
        : def.type === 'currency'
          ? fc.constantFrom(...SPENDS, 75)
          : fc.integer({ min: 0, max: 6 });
      if (op === 'between') return fc.tuple(number, number).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
      return number;
    }
    case 'date':
      if (op === 'before' || op === 'after') {
        return fc.oneof(
          timestampArb,
          timestampArb.map((iso) => iso.slice(0, 10)),
          timestampArb.map((iso) => iso.slice(0, 19)),
        );
      }
      return day;
    case 'tags':
      return fc.subarray([...TAGS, 'ghost'], { minLength: 1 });
    default:
      return fc.constant(undefined);
  }
}

const FIELDS: SegmentFieldDef[] = [
  ...SEGMENT_FIELDS,
  ...['plan', 'score', 'note', 'missing'].map((key) => fieldByName(`attributes.${key}`) as SegmentFieldDef),
];

const conditionArb: fc.Arbitrary<SegmentCondition> = fc
  .constantFrom(...FIELDS)
  .chain((def) => fc.constantFrom(...def.operators).map((op) => [def, op] as const))
  .chain(([def, op]) =>
    ['is_empty', 'is_true', 'is_false'].includes(op)
      ? fc.constant({ field: def.name, operator: op })
      : op === 'clicked'
        ? fc
            .tuple(valueArb(def, op), fc.option(fc.constantFrom(...LINKS), { nil: undefined }))
            .map(([value, linkId]) => ({ field: def.name, operator: op, value, ...(linkId ? { linkId } : {}) }))
        : valueArb(def, op).map((value) => ({ field: def.name, operator: op, value })),
  );

const groupArb: fc.Arbitrary<SegmentGroup> = fc.letrec<{ group: SegmentGroup; rule: SegmentRule }>((tie) => ({
  group: fc.record(
    {
      op: fc.constantFrom('and' as const, 'or' as const),
      not: fc.boolean(),
      rules: fc.oneof(
        { weight: 1, arbitrary: fc.constant<SegmentRule[]>([]) },
        { weight: 9, arbitrary: fc.array(tie('rule'), { minLength: 1, maxLength: 4 }) },
      ),
    },
    { requiredKeys: ['op', 'rules'] },
  ),
  rule: fc.oneof({ depthSize: 'small', maxDepth: 3 }, conditionArb, tie('group')),
})).group;

describe('segment SQL vs in-memory evaluator (PGlite)', () => {
  let pg: PGlite;
  let db: PgliteDatabase;
  let customers: Row[];
  let stored: Row[];

  beforeAll(async () => {
    pg = new PGlite();
    db = drizzle(pg);
    await pg.exec(CREATE_CUSTOMERS);
    customers = fc.sample(customerArb, { numRuns: 300, seed: 20250615 }).map((c, i) => ({ ...c, id: i + 1 }));
    await pg.query('insert into customers select * from jsonb_populate_recordset(null::customers, $1::jsonb)', [
      JSON.stringify(customers),
    ]);
    const tables = { messages: 'messages', events: 'engagement_events', conversions: 'conversions' } as const;
    for (const [key, table] of Object.entries(tables) as [keyof typeof tables, string][]) {
      const rows = customers.flatMap((c) =>
        ((c.engagement?.[key] ?? []) as object[]).map((r) => ({ ...r, customer_id: c.id })),
      );
      await pg.query(`insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [
        JSON.stringify(rows),
      ]);
    }
    stored = await withStoredEngagement((await pg.query<Row>('select * from customers order by id')).rows);
  });

  /** Engagement as the database answers it (Date timestamps), grouped per customer. */
  async function withStoredEngagement(rows: Row[]): Promise<Row[]> {
    const byCustomer = async (table: string) => {
      const map = new Map<number, Record<string, unknown>[]>();
      for (const r of (await pg.query<Record<string, unknown>>(`select * from ${table}`)).rows) {
        const id = r['customer_id'] as number;
        map.set(id, [...(map.get(id) ?? []), r]);
      }
      return map;
    };
    const [messages, events, conversions] = await Promise.all(
      ['messages', 'engagement_events', 'conversions'].map(byCustomer),
    );
    return rows.map((r) => ({
      ...r,
      engagement: {
        messages: (messages.get(r.id) ?? []) as never,
        events: (events.get(r.id) ?? []) as never,
        conversions: (conversions.get(r.id) ?? []) as never,
      },
    }));
  }

  afterAll(async () => {
    await pg.close();
  });

  async function sqlIds(group: SegmentGroup): Promise<number[]> {
    const where = compileSegmentRules(group, { now: NOW });
    const result = await db.execute<{ id: number }>(sql`select id from customers where ${where} order by id`);
    return result.rows.map((r) => r.id);
  }

  function memoryIds(group: SegmentGroup, rows: Row[]): number[] {
    const matches = createSegmentPredicate(group, NOW);
    return rows.filter((c) => matches(c)).map((c) => c.id);
  }

  it('stores the generated customers', () => {
    expect(stored).toHaveLength(300);
    expect(stored.filter((c) => c.engagement?.messages?.length).length).toBeGreaterThan(100);
    expect(stored.some((c) => c.engagement?.events?.some((e) => e.machine))).toBe(true);
    expect(typeof stored[0].total_spend === 'string' || stored[0].total_spend === null).toBe(true);
  });

  it('random rule trees select the same customers in SQL and in memory', async () => {
    let discriminating = 0;
    await fc.assert(
      fc.asyncProperty(groupArb, async (group) => {
        const validation = validateSegmentRules(group);
        expect(validation).toMatchObject({ ok: true });
        const fromSql = await sqlIds(group);
        expect(memoryIds(group, customers)).toEqual(fromSql);
        expect(memoryIds(group, stored)).toEqual(fromSql);
        // NOT must be the exact complement, whatever the NULLs.
        const negated = await sqlIds({ ...group, not: !group.not });
        expect(negated.length + fromSql.length).toBe(customers.length);
        if (fromSql.length > 0 && fromSql.length < customers.length) discriminating++;
      }),
      { numRuns: RUNS, seed: 424242 },
    );
    // Guard against a vacuous property: most trees must split the customers.
    expect(discriminating).toBeGreaterThan(RUNS / 3);
  });

  it('every single condition agrees (exhaustive over fields and operators)', async () => {
    await fc.assert(
      fc.asyncProperty(conditionArb, async (condition) => {
        const group: SegmentGroup = { op: 'and', rules: [condition] };
        const fromSql = await sqlIds(group);
        expect(memoryIds(group, customers)).toEqual(fromSql);
        expect(memoryIds(group, stored)).toEqual(fromSql);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('each engagement condition splits the customers and agrees in memory', async () => {
    const conditions: SegmentCondition[] = [
      ...ENGAGEMENT_OPERATORS.map((operator) => ({ field: 'campaign_engagement', operator, value: CAMPAIGNS[0] })),
      { field: 'campaign_engagement', operator: 'clicked', value: CAMPAIGNS[1], linkId: 2 },
      { field: 'opens_90d', operator: 'gte', value: 1 },
      { field: 'clicks_90d', operator: 'between', value: [1, 2] },
      { field: 'days_since_last_click', operator: 'lte', value: 7 },
      { field: 'last_opened_at', operator: 'within_last_days', value: 10 },
    ];
    for (const condition of conditions) {
      const group: SegmentGroup = { op: 'and', rules: [condition] };
      const fromSql = await sqlIds(group);
      expect({ condition, split: fromSql.length > 0 && fromSql.length < customers.length }).toEqual({
        condition,
        split: true,
      });
      expect(memoryIds(group, customers)).toEqual(fromSql);
      expect(memoryIds(group, stored)).toEqual(fromSql);
    }
    // A campaign nobody received: no condition on it matches anyone.
    for (const operator of ENGAGEMENT_OPERATORS) {
      expect(
        await sqlIds({ op: 'and', rules: [{ field: 'campaign_engagement', operator, value: UNKNOWN_CAMPAIGN }] }),
      ).toEqual([]);
    }
  });

  it('injection attempts match nothing and leave the table intact', async () => {
    const evil = "x'; drop table customers; --";
    const groups: SegmentGroup[] = [
      {
        op: 'or',
        rules: [
          { field: 'city', operator: 'eq', value: evil },
          { field: 'email', operator: 'contains', value: evil },
        ],
      },
      { op: 'and', rules: [{ field: 'tags', operator: 'has_any', value: [evil, '{vip}', '"vip"'] }] },
      { op: 'and', rules: [{ field: 'city', operator: 'in', value: [evil, "') or true --"] }] },
      { op: 'and', rules: [{ field: 'attributes.plan', operator: 'starts_with', value: "' or 1=1 --" }] },
    ];
    for (const group of groups) {
      expect(await sqlIds(group)).toEqual([]);
    }
    const count = await pg.query<{ n: number }>('select count(*)::int as n from customers');
    expect(count.rows[0].n).toBe(300);
  });

  it('an empty group selects everyone and its negation no one', async () => {
    expect(await sqlIds({ op: 'and', rules: [] })).toHaveLength(300);
    expect(await sqlIds({ op: 'or', rules: [], not: true })).toEqual([]);
  });
});
