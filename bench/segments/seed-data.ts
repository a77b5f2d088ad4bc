/**
 * Deterministic data for the segment-preview benchmark: customers and orders generated from a
 * seed and loaded with COPY. Customer aggregates (order_count, total_spend, first/last order) are
 * computed from exactly the orders that are loaded, so segments never need to scan orders.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mulberry32 } from '@mini-crm/testing/e2e';
import { INDIAN_CITIES } from '../shared/indian-cities';

export const DATA_VERSION = 'segments-bench-v1';
/** All timestamps are relative to this instant, so the data is the same whenever it is generated. */
export const ANCHOR = new Date('2026-11-01T00:00:00.000Z');
const DAY = 86_400_000;

export interface SeedOptions {
  seed: number;
  customers: number;
  orders: number;
}

/** Per-customer stream, so orders can be regenerated identically in a second pass. */
function customerRng(seed: number, i: number): () => number {
  return mulberry32((Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
}

/** A v4-shaped UUID: random-looking leading digits (spread over the index) and a unique serial in the last 12. */
function uuid(rnd: () => number, serial: number): string {
  const h = (n: number) =>
    Math.floor(rnd() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const variant = (8 + Math.floor(rnd() * 4)).toString(16);
  return `${h(8)}-${h(4)}-4${h(3)}-${variant}${h(3)}-${serial.toString(16).padStart(12, '0')}`;
}

function weighted<T>(items: readonly (readonly [T, number])[]): (rnd: () => number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  return (rnd) => {
    let r = rnd() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1][0];
  };
}

// Zipf-like: the big metros dominate.
const pickCity = weighted<string | null>([
  ...INDIAN_CITIES.map((c, k) => [c, 1 / (k + 1)] as const),
  [null, 0.15],
  ['', 0.05],
]);
const pickCountry = weighted<string>([
  ['IN', 92],
  ['US', 3],
  ['GB', 2],
  ['AE', 2],
  ['SG', 1],
]);
const FIRST = [
  'Aarav',
  'Vivaan',
  'Aditya',
  'Diya',
  'Ananya',
  'Isha',
  'Rohan',
  'Priya',
  'Kabir',
  'Meera',
  'Arjun',
  'Sara',
  'Ravi',
  'Neha',
  'Karan',
  'Pooja',
  'John',
  'Maria',
  'Ahmed',
  'Li',
];
const LAST = [
  'Sharma',
  'Verma',
  'Iyer',
  'Reddy',
  'Nair',
  'Patel',
  'Shah',
  'Gupta',
  'Singh',
  'Khan',
  'Das',
  'Menon',
  'Joshi',
  'Kapoor',
  'Rao',
  'Smith',
  'Fernandes',
  'Chopra',
  'Bose',
  'Mehta',
];
const TAG_RATES: readonly (readonly [string, number])[] = [
  ['newsletter', 0.4],
  ['app-user', 0.3],
  ['loyalty-member', 0.25],
  ['discount-seeker', 0.2],
  ['first-time', 0.15],
  ['churn-risk', 0.1],
  ['high-value', 0.08],
  ['vip', 0.05],
  ['wholesale', 0.02],
  ['b2b', 0.01],
];
const pickTier = weighted<string | null>([
  ['gold', 10],
  ['silver', 25],
  ['bronze', 40],
  [null, 25],
]);
const pickChannel = weighted<string>([
  ['sms', 40],
  ['email', 35],
  ['whatsapp', 25],
]);
const pickSource = weighted<string>([
  ['web', 45],
  ['app', 30],
  ['store', 20],
  ['referral', 5],
]);
const pickEmailStatus = weighted<string>([
  ['subscribed', 90],
  ['unsubscribed', 8],
  ['blocklisted', 2],
]);
const pickSmsStatus = weighted<string>([
  ['subscribed', 85],
  ['unsubscribed', 13],
  ['blocklisted', 2],
]);

/** Orders per customer: 20 % none, the rest long-tailed; adjusted so the sum is exactly `total`. */
export function orderCounts(opts: SeedOptions): Int32Array {
  const rnd = mulberry32(opts.seed);
  const counts = new Int32Array(opts.customers);
  let sum = 0;
  const mean = opts.orders / opts.customers / 0.8;
  for (let i = 0; i < counts.length; i++) {
    counts[i] = rnd() < 0.2 ? 0 : 1 + Math.floor(-Math.log(1 - rnd()) * (mean - 0.5));
    sum += counts[i];
  }
  while (sum !== opts.orders) {
    const i = Math.floor(rnd() * counts.length);
    if (sum < opts.orders && counts[i] > 0) {
      counts[i]++;
      sum++;
    } else if (sum > opts.orders && counts[i] > 1) {
      counts[i]--;
      sum--;
    }
  }
  return counts;
}

interface GeneratedOrder {
  id: string;
  cents: number;
  at: number;
}

interface GeneratedCustomer {
  id: string;
  createdAt: number;
  rnd: () => number;
  orders: GeneratedOrder[];
}

function normal(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** The customer's id, creation time and orders; everything else is drawn later from `rnd`. */
function generateCustomer(opts: SeedOptions, i: number, orderCount: number, firstOrder: number): GeneratedCustomer {
  const rnd = customerRng(opts.seed, i);
  const id = uuid(rnd, i);
  const createdAt = ANCHOR.getTime() - Math.floor(rnd() * 3 * 365 * DAY);
  const orders: GeneratedOrder[] = [];
  for (let k = 0; k < orderCount; k++) {
    const cents = Math.max(4900, Math.round(Math.exp(7 + 0.8 * normal(rnd)) * 100));
    // skewed towards recent activity
    const at = createdAt + Math.floor((ANCHOR.getTime() - createdAt) * Math.pow(rnd(), 0.6));
    orders.push({ id: uuid(rnd, firstOrder + k), cents, at });
  }
  return { id, createdAt, rnd, orders };
}

const iso = (ms: number) => new Date(ms).toISOString();
/** COPY text format: backslash, tab, newline and CR escaped; `\N` is NULL. */
function cell(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
const line = (cells: (string | number | null)[]) => cells.map(cell).join('\t') + '\n';

export const CUSTOMER_COPY_COLUMNS =
  'id, external_id, email, phone, first_name, last_name, city, country, tags, attributes, total_spend, order_count, visit_count, first_order_at, last_order_at, last_active_at, email_status, sms_status, created_at, updated_at';
export const ORDER_COPY_COLUMNS = 'id, customer_id, external_id, amount, currency, status, ordered_at, created_at';

function customerLine(opts: SeedOptions, i: number, c: GeneratedCustomer): string {
  const r = c.rnd;
  const tags = TAG_RATES.filter(([, p]) => r() < p).map(([t]) => t);
  const attributes: Record<string, unknown> = {};
  const tier = pickTier(r);
  if (tier) attributes['tier'] = tier;
  if (r() < 0.6) attributes['age'] = 18 + Math.floor(r() * 58);
  if (r() < 0.8) attributes['gender'] = r() < 0.48 ? 'female' : r() < 0.96 ? 'male' : 'other';
  attributes['preferred_channel'] = pickChannel(r);
  if (r() < 0.5) attributes['loyalty_points'] = Math.floor(r() * 10_000);
  attributes['signup_source'] = pickSource(r);
  let city = pickCity(r);
  if (city && r() < 0.03) city = city.toLowerCase(); // messy imports
  const spent = c.orders.reduce((s, o) => s + o.cents, 0);
  const first = c.orders.length ? Math.min(...c.orders.map((o) => o.at)) : null;
  const last = c.orders.length ? Math.max(...c.orders.map((o) => o.at)) : null;
  const lastActive =
    r() < 0.1
      ? null
      : Math.min(ANCHOR.getTime(), Math.max(last ?? c.createdAt, c.createdAt) + Math.floor(r() * 60 * DAY));
  return line([
    c.id,
    `cust-${opts.seed}-${i}`,
    `customer${i}@example.com`,
    r() < 0.85 ? `+91${9_000_000_000 + i}` : null,
    FIRST[Math.floor(r() * FIRST.length)],
    LAST[Math.floor(r() * LAST.length)],
    city,
    pickCountry(r),
    `{${tags.join(',')}}`,
    JSON.stringify(attributes),
    (spent / 100).toFixed(2),
    c.orders.length,
    c.orders.length * 3 + Math.floor(r() * 20),
    first === null ? null : iso(first),
    last === null ? null : iso(last),
    lastActive === null ? null : iso(lastActive),
    pickEmailStatus(r),
    pickSmsStatus(r),
    iso(c.createdAt),
    iso(ANCHOR.getTime()),
  ]);
}

async function* chunks(
  opts: SeedOptions,
  counts: Int32Array,
  render: (i: number, c: GeneratedCustomer) => string,
): AsyncGenerator<string> {
  let buf = '';
  let firstOrder = 0;
  for (let i = 0; i < opts.customers; i++) {
    buf += render(i, generateCustomer(opts, i, counts[i], firstOrder));
    firstOrder += counts[i];
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

async function copy(client: PoolClient, statement: string, source: AsyncGenerator<string>): Promise<void> {
  await pipeline(Readable.from(source), client.query(copyFrom(statement)));
}

/** Secondary indexes are dropped during the load and rebuilt afterwards (much faster than maintaining them row by row). */
async function withoutSecondaryIndexes(pool: Pool, tables: string[], load: () => Promise<void>): Promise<void> {
  const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     join pg_class c on c.relname = i.indexname
     join pg_index x on x.indexrelid = c.oid
     where i.schemaname = 'public' and i.tablename = any($1) and not x.indisprimary`,
    [tables],
  );
  for (const r of rows) await pool.query(`drop index if exists "${r.indexname}"`);
  try {
    await load();
  } finally {
    for (const r of rows) await pool.query(r.indexdef);
  }
}

export async function seedSegmentsBench(pool: Pool, opts: SeedOptions, log: (m: string) => void): Promise<void> {
  const t0 = Date.now();
  const counts = orderCounts(opts);
  await pool.query('truncate customers, orders cascade');
  await withoutSecondaryIndexes(pool, ['customers', 'orders'], async () => {
    const client = await pool.connect();
    try {
      // The rows are generated consistent (every order's customer exists); skip per-row FK triggers.
      await client.query(`set session_replication_role = replica`);
      await copy(
        client,
        `copy customers (${CUSTOMER_COPY_COLUMNS}) from stdin`,
        chunks(opts, counts, (i, c) => customerLine(opts, i, c)),
      );
      log(`customers copied (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      let n = 0;
      const createdAt = iso(ANCHOR.getTime());
      await copy(
        client,
        `copy orders (${ORDER_COPY_COLUMNS}) from stdin`,
        chunks(opts, counts, (_i, c) =>
          c.orders
            .map((o) =>
              line([
                o.id,
                c.id,
                `ord-${opts.seed}-${n++}`,
                (o.cents / 100).toFixed(2),
                'INR',
                'completed',
                iso(o.at),
                createdAt,
              ]),
            )
            .join(''),
        ),
      );
      log(`orders copied (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      await client.query(`set session_replication_role = origin`);
    } finally {
      client.release();
    }
  });
  log(`indexes rebuilt (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await pool.query('vacuum analyze customers');
  await pool.query('vacuum analyze orders');
  log(`vacuum analyze done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
