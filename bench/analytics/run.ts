/**
 * Analytics benchmark: GET /api/analytics/overview and /api/analytics/campaigns/:id/timeline through
 * the production bundle (cache off: every request reads the rollup) vs the same numbers computed by a
 * raw aggregate over messages, engagement events and conversions in the same run. Asserts they agree.
 * Seeds 1M messages / 3M events on first use (generate_series; about a minute or two).
 *
 *   npm run bench:analytics
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/crm_bench_analytics), BENCH_CAMPAIGNS (100),
 * BENCH_RECIPIENTS (10000), BENCH_EVENTS_PER_MESSAGE (3), BENCH_RUNS (30), BENCH_WARMUP (3).
 */
import { Client } from 'pg';
import { migrateDatabase, openDatabase } from '@mini-crm/db';
import { ANCHOR, DATA_VERSION, seedAnalyticsBench, type AnalyticsSeedOptions } from './seed';
import { startApiProcess } from '../shared/api-process';
import { devLogin } from '../shared/dev-login';

const env = process.env;
const DATABASE_URL = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/crm_bench_analytics';
const OPTS: AnalyticsSeedOptions = {
  campaigns: Number(env['BENCH_CAMPAIGNS'] ?? 100),
  recipients: Number(env['BENCH_RECIPIENTS'] ?? 10_000),
  eventsPerMessage: Number(env['BENCH_EVENTS_PER_MESSAGE'] ?? 3),
};
const RUNS = Number(env['BENCH_RUNS'] ?? 30);
const WARMUP = Number(env['BENCH_WARMUP'] ?? 3);
const log = (m: string) => console.log(`[bench:analytics] ${m}`);

async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await c.query(`create database ${name}`);
  } finally {
    await c.end();
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

type Nums = Record<string, number>;

/** Overview totals straight from the raw rows, for [from, to) (the rollup's meaning, see seed.ts). */
const RAW_OVERVIEW = `
  select
    (select count(*) from messages where status not in ('queued', 'failed') and sent_at >= $1 and sent_at < $2)::int as sent,
    (select count(*) from messages where status <> 'failed' and delivered_at >= $1 and delivered_at < $2)::int as delivered,
    (select count(*) from messages where status = 'failed' and failed_at >= $1 and failed_at < $2)::int as failed,
    (select count(*) from (select min(at) as f from engagement_events where type = 'open' and not machine group by message_id) x where f >= $1 and f < $2)::int as opened,
    (select count(*) from (select min(at) as f from engagement_events where type = 'click' and not machine group by message_id) x where f >= $1 and f < $2)::int as clicked,
    (select count(*) from engagement_events where type = 'open' and machine and at >= $1 and at < $2)::int as "machineOpens",
    (select count(*) from engagement_events where type = 'click' and machine and at >= $1 and at < $2)::int as "machineClicks",
    (select count(*) from conversions where ordered_at >= $1 and ordered_at < $2)::int as conversions,
    (select coalesce(sum(revenue), 0) from conversions where ordered_at >= $1 and ordered_at < $2)::float8 as revenue`;

/** One campaign's hourly series straight from its raw rows. */
const RAW_TIMELINE = `
  with ev as (
    select sent_at as at, 1 as sent, 0 as delivered, 0 as failed, 0 as opened, 0 as clicked, 0 as converted, 0::numeric as revenue
      from messages where campaign_id = $1 and status not in ('queued', 'failed')
    union all select delivered_at, 0, 1, 0, 0, 0, 0, 0 from messages where campaign_id = $1 and status <> 'failed' and delivered_at is not null
    union all select failed_at, 0, 0, 1, 0, 0, 0, 0 from messages where campaign_id = $1 and status = 'failed'
    union all select min(at), 0, 0, 0, (type = 'open')::int, (type = 'click')::int, 0, 0 from engagement_events
      where campaign_id = $1 and not machine group by message_id, type
    union all select ordered_at, 0, 0, 0, 0, 0, 1, revenue from conversions where campaign_id = $1
  )
  select date_trunc('hour', at, 'UTC') as at, sum(sent)::int as sent, sum(delivered)::int as delivered, sum(failed)::int as failed,
    sum(opened)::int as opened, sum(clicked)::int as clicked, sum(converted)::int as converted, sum(revenue)::float8 as revenue
  from ev group by 1 order by 1`;

const PICK = [
  'sent',
  'delivered',
  'failed',
  'opened',
  'clicked',
  'machineOpens',
  'machineClicks',
  'conversions',
  'revenue',
];

async function main() {
  await ensureDatabase(DATABASE_URL);
  const handle = await openDatabase({ url: DATABASE_URL, poolSize: 4 });
  await migrateDatabase(handle);
  const pool = handle.pool as NonNullable<typeof handle.pool>;
  await pool.query('create table if not exists bench_meta (key text primary key, value jsonb not null)');
  const wanted = { version: DATA_VERSION, ...OPTS };
  const { rows: meta } = await pool.query(`select value from bench_meta where key = 'analytics'`);
  const { rows: counted } = await pool.query('select (select count(*) from messages)::int as m');
  const stored = (meta[0]?.value ?? {}) as Record<string, unknown>;
  const messages = OPTS.campaigns * OPTS.recipients;
  if (Object.entries(wanted).every(([k, v]) => stored[k] === v) && counted[0].m === messages) {
    log(`data present (${JSON.stringify(wanted)}); skipping the seed`);
  } else {
    log(`seeding ${messages} messages, ${messages * OPTS.eventsPerMessage} events …`);
    await pool.query(`delete from bench_meta where key = 'analytics'`);
    await seedAnalyticsBench(pool, OPTS, log);
    await pool.query(`insert into bench_meta (key, value) values ('analytics', $1)`, [JSON.stringify(wanted)]);
  }
  const { rows: sizes } = await pool.query(
    'select (select count(*) from messages)::int as m, (select count(*) from engagement_events)::int as e, (select count(*) from campaign_hourly_stats)::int as r',
  );
  log(`messages ${sizes[0].m}, engagement events ${sizes[0].e}, rollup rows ${sizes[0].r}`);
  await handle.close();

  const api = await startApiProcess('analytics', DATABASE_URL, log, { ANALYTICS_CACHE_TTL_SECONDS: '0' });
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const token = await devLogin(api.url);
    const call = async (path: string) => {
      const res = await fetch(api.url + path, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    const from = ANCHOR;
    const to = new Date(new Date(ANCHOR).getTime() + 90 * 86_400_000).toISOString();
    const overviewPath = `/api/analytics/overview?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const { rows: mid } = await client.query('select id from campaigns order by started_at offset $1 limit 1', [
      Math.floor(OPTS.campaigns / 2),
    ]);
    const timelinePath = `/api/analytics/campaigns/${mid[0].id}/timeline?bucket=hour`;

    const series = {
      overview: [] as number[],
      rawOverview: [] as number[],
      timeline: [] as number[],
      rawTimeline: [] as number[],
    };
    let apiOverview: { current: Nums } | undefined;
    let rawOverview: Nums | undefined;
    let apiTimeline: { points: Nums[] } | undefined;
    let rawTimeline: Nums[] | undefined;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const [a, ov] = await timed(() => call(overviewPath));
      const [b, ro] =
        i < WARMUP + Math.min(RUNS, 5) ? await timed(() => client.query(RAW_OVERVIEW, [from, to])) : [NaN, null];
      const [c, tl] = await timed(() => call(timelinePath));
      const [d, rt] = await timed(() => client.query(RAW_TIMELINE, [mid[0].id]));
      apiOverview = ov;
      apiTimeline = tl;
      if (ro) rawOverview = ro.rows[0];
      rawTimeline = rt.rows;
      if (i >= WARMUP) {
        series.overview.push(a);
        if (!Number.isNaN(b)) series.rawOverview.push(b as number);
        series.timeline.push(c);
        series.rawTimeline.push(d);
      }
    }
    const ours = Object.fromEntries(PICK.map((k) => [k, Number(apiOverview?.current[k])]));
    const theirs = Object.fromEntries(PICK.map((k) => [k, Number(rawOverview?.[k])]));
    console.log('\noverview totals (API, from rollups):     ', JSON.stringify(ours));
    console.log('overview totals (raw aggregate, same run):', JSON.stringify(theirs));
    const nonZero = (p: Nums) =>
      ['sent', 'delivered', 'failed', 'opened', 'clicked', 'converted'].some((k) => Number(p[k]) !== 0);
    const norm = (points: Nums[]) =>
      points.filter(nonZero).map((p) => ({
        at: new Date(p['at']).toISOString(),
        ...Object.fromEntries(
          ['sent', 'delivered', 'failed', 'opened', 'clicked', 'converted', 'revenue'].map((k) => [k, Number(p[k])]),
        ),
      }));
    const tlOurs = norm(apiTimeline?.points ?? []);
    const tlRaw = norm(rawTimeline ?? []);
    console.log(
      `timeline (campaign ${mid[0].id}): ${tlOurs.length} hourly points from the API, ${tlRaw.length} from the raw aggregate`,
    );
    const fmt = (xs: number[]) =>
      `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms (${xs.length} runs)`;
    console.log(`\nGET overview (90 days, 1 year of rollups read): ${fmt(series.overview)}`);
    console.log(`raw overview aggregate over messages/events:    ${fmt(series.rawOverview)}`);
    console.log(`GET campaign timeline (hour):                   ${fmt(series.timeline)}`);
    console.log(`raw timeline aggregate for that campaign:       ${fmt(series.rawTimeline)}`);
    const equalOverview = JSON.stringify(ours) === JSON.stringify(theirs);
    const equalTimeline = JSON.stringify(tlOurs) === JSON.stringify(tlRaw);
    console.log(`\nnumbers equal: overview ${equalOverview}, timeline ${equalTimeline}`);
    const p50 = Math.max(percentile(series.overview, 50), percentile(series.timeline, 50));
    console.log(`target p50 < 50 ms: ${p50 < 50 ? 'met' : 'MISSED'} (${p50.toFixed(1)} ms)`);
    if (!equalOverview || !equalTimeline) {
      if (!equalTimeline) console.log(JSON.stringify({ api: tlOurs.slice(0, 5), raw: tlRaw.slice(0, 5) }));
      process.exitCode = 1;
    }
  } finally {
    await client.end();
    await api.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
