/**
 * Segment preview benchmark: our endpoint (count + 20-row sample + total, over HTTP, in a
 * statement-timeout transaction) vs the same predicate hand-written as `select count(*)` — same
 * run, same database, interleaved. Seeds 1M customers / 5M orders on first use.
 *
 *   npx tsx --tsconfig bench/segments/tsconfig.json bench/segments/run.ts
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/crm_bench_segments), BENCH_SEED,
 * BENCH_CUSTOMERS, BENCH_ORDERS, BENCH_RUNS (20), BENCH_WARMUP (3), BENCH_WINDOW_RUNS (3), BENCH_CASES (comma list).
 */
import { Client } from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { migrateDatabase, openDatabase } from '@mini-crm/db';
import { compileSegmentRules } from '@mini-crm/segment-engine';
import { previewStatement } from '@mini-crm/api/segments';
import { DATA_VERSION, seedSegmentsBench, type SeedOptions } from './seed-data';
import { benchCases } from './rule-trees';
import { startApiProcess } from '../shared/api-process';
import { devLogin } from '../shared/dev-login';

const env = process.env;
const DATABASE_URL = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/crm_bench_segments';
const OPTS: SeedOptions = {
  seed: Number(env['BENCH_SEED'] ?? 20261101),
  customers: Number(env['BENCH_CUSTOMERS'] ?? 1_000_000),
  orders: Number(env['BENCH_ORDERS'] ?? 5_000_000),
};
const RUNS = Number(env['BENCH_RUNS'] ?? 20);
const WARMUP = Number(env['BENCH_WARMUP'] ?? 3);
const WINDOW_RUNS = Number(env['BENCH_WINDOW_RUNS'] ?? 3);
const log = (m: string) => console.log(`[bench:segments] ${m}`);

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await c.query(`create database ${name}`);
      log(`created database ${name}`);
    }
  } finally {
    await c.end();
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const ms = (n: number) => n.toFixed(1).padStart(8);

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

async function main() {
  await ensureDatabase(DATABASE_URL);
  const handle = await openDatabase({ url: DATABASE_URL, poolSize: 4 });
  await migrateDatabase(handle);
  const pool = handle.pool as NonNullable<typeof handle.pool>;
  await pool.query('create table if not exists bench_meta (key text primary key, value jsonb not null)');
  const wanted = { version: DATA_VERSION, ...OPTS };
  const { rows: meta } = await pool.query(`select value from bench_meta where key = 'segments'`);
  const { rows: counted } = await pool.query(
    'select (select count(*) from customers)::int as c, (select count(*) from orders)::int as o',
  );
  // jsonb reorders keys: compare field by field
  const stored = (meta[0]?.value ?? {}) as Record<string, unknown>;
  const fresh =
    Object.entries(wanted).every(([k, v]) => stored[k] === v) &&
    counted[0].c === OPTS.customers &&
    counted[0].o === OPTS.orders;
  if (fresh) {
    log(`data present (${JSON.stringify(wanted)}); skipping the seed`);
  } else {
    log(`seeding ${OPTS.customers} customers and ${OPTS.orders} orders (seed ${OPTS.seed}) …`);
    await pool.query(`delete from bench_meta where key = 'segments'`);
    await seedSegmentsBench(pool, OPTS, log);
    await pool.query(`insert into bench_meta (key, value) values ('segments', $1)`, [JSON.stringify(wanted)]);
  }
  await pool.query('analyze customers');

  const api = await startApiProcess('segments', DATABASE_URL, log);
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const accessToken = await devLogin(api.url);
    const dialect = new PgDialect();
    const query = (q: SQL) => {
      const { sql: text, params } = dialect.sqlToQuery(q);
      return client.query(text, params as unknown[]);
    };
    const preview = async (rules: unknown) => {
      const res = await fetch(`${api.url}/api/segment-rules/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ rules }),
      });
      const body = (await res.json()) as { count: number; total: number; totalEstimated: boolean; sample: unknown[] };
      if (res.status !== 200) throw new Error(`preview answered ${res.status}: ${JSON.stringify(body)}`);
      return body;
    };

    const [exactTotalMs] = await timed(() => client.query('select count(*) from customers'));
    const exactTotals: number[] = [];
    for (let i = 0; i < 5; i++)
      exactTotals.push((await timed(() => client.query('select count(*) from customers')))[0]);
    log(
      `exact total count(*) of customers: p50 ${percentile(exactTotals, 50).toFixed(1)} ms (first ${exactTotalMs.toFixed(1)} ms) — why the preview uses the planner estimate above 100k rows`,
    );

    const results: string[] = [];
    const mismatches: string[] = [];
    const only = env['BENCH_CASES']?.split(',');
    const header = `${'rule tree'.padEnd(16)} ${'count'.padStart(8)} | ${'ours p50'.padStart(8)} ${'p95'.padStart(8)} | ${'hand p50'.padStart(8)} ${'p95'.padStart(8)} | ${'ratio'.padStart(6)} | ${'stmt p50'.padStart(8)} ${'window'.padStart(8)}`;
    for (const c of benchCases().filter((k) => !only || only.includes(k.name))) {
      const predicate = compileSegmentRules(c.rules, { now: new Date() });
      const hand = sql.raw(`select count(*)::int as n from customers where ${c.handWritten}`);
      const statement = previewStatement(predicate, 20);
      const windowVariant = sql`select id, first_name, last_name, email, phone, city, total_spend::text, order_count, last_order_at, count(*) over () as n
        from customers where ${predicate} order by id limit 20`;

      const ours: number[] = [];
      const handMs: number[] = [];
      const stmtMs: number[] = [];
      const windowMs: number[] = [];
      let last: Awaited<ReturnType<typeof preview>> | undefined;
      let handCount = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        // interleaved so caches and background noise hit every variant alike
        const [a, body] = await timed(() => preview(c.rules));
        const [b, res] = await timed(() => query(hand));
        const [s] = await timed(() => query(statement));
        // the window variant spools every matching row; a few runs are enough to show it (and keep the run short)
        const w = i >= WARMUP && i < WARMUP + WINDOW_RUNS ? (await timed(() => query(windowVariant)))[0] : null;
        if (i >= WARMUP) {
          ours.push(a);
          handMs.push(b);
          stmtMs.push(s);
          if (w !== null) windowMs.push(w);
        }
        last = body;
        handCount = Number(res.rows[0].n);
      }
      const agree = !!last && last.count === handCount && last.sample.length === Math.min(20, handCount);
      if (!agree)
        mismatches.push(`${c.name}: ours ${last?.count} (sample ${last?.sample.length}) vs hand-written ${handCount}`);
      const ratio = percentile(ours, 50) / percentile(handMs, 50);
      results.push(
        `${c.name.padEnd(16)} ${String(handCount).padStart(8)} | ${ms(percentile(ours, 50))} ${ms(percentile(ours, 95))} | ${ms(percentile(handMs, 50))} ${ms(percentile(handMs, 95))} | ${ratio.toFixed(2).padStart(6)} | ${ms(percentile(stmtMs, 50))} ${ms(percentile(windowMs, 50))}`,
      );
      log(
        `${c.name}: total ${last?.total}${last?.totalEstimated ? ' (estimated)' : ''} | ${results[results.length - 1]}`,
      );
    }
    console.log(
      `\nSegment preview, ${OPTS.customers.toLocaleString('en')} customers / ${OPTS.orders.toLocaleString('en')} orders, ${RUNS} runs after ${WARMUP} warm-ups (ms)`,
    );
    console.log(
      'ours   = POST /api/segment-rules/preview over HTTP (validate, compile, count + 20-row sample + total, timeout transaction)',
    );
    console.log('hand   = select count(*) from customers where <hand-written predicate>, pg client in this process');
    console.log(
      'stmt   = our preview statement alone (pg client, no HTTP/transaction); window = count(*) over () + limit 20 alternative (p50 of BENCH_WINDOW_RUNS=3 runs)',
    );
    console.log('ratio  = ours p50 / hand p50 (target ≤ 1.2)\n');
    console.log(header);
    console.log('-'.repeat(header.length));
    for (const r of results) console.log(r);
    if (mismatches.length) {
      console.log(`\nCOUNT MISMATCH (the timing above compares different things):\n${mismatches.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await client.end();
    await api.stop();
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
