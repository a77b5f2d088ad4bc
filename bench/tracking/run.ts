/**
 * Tracked-redirect benchmark: `GET /r/<code>` of the production bundle (signed code checked, link
 * from the in-process cache, hit appended to the Redis stream before the 302) against a bare
 * Fastify 302 route in its own process, same machine, same run. Then waits for the consumer to
 * drain the stream and counts the hits back in engagement_events: none may be lost.
 *
 *   npm run bench:tracking
 *
 * Env: BENCH_REQUESTS (100000 per target), BENCH_CONNECTIONS (32), BENCH_MESSAGES (1000 distinct
 * codes), TEST_PG_ADMIN_URL, REDIS_URL.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rowsOf } from '@mini-crm/db';
import { WORKSPACE_ROOT } from '@mini-crm/testing/e2e';
import { signClickCode, trackingCodeKey } from '../../libs/api/campaigns/src/lib/links/tracking-code.util';
import { startApiProcess } from '../shared/api-process';
import { load, rps, type LoadResult } from '../shared/load';
import { seedCampaign } from './seed';

const env = process.env;
const REQUESTS = Number(env['BENCH_REQUESTS'] ?? 100_000);
const CONNECTIONS = Number(env['BENCH_CONNECTIONS'] ?? 32);
const MESSAGES = Number(env['BENCH_MESSAGES'] ?? 1000);
const ADMIN_URL = env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const DB_NAME = 'crm_bench_tracking';
const SECRET = 'bench-tracking-secret-bench-tracking-secret';
const log = (m: string) => console.log(`[bench:tracking] ${m}`);

async function freshDatabase(): Promise<string> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

function startBare(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/tracking/bare-server.ts'], {
    cwd: WORKSPACE_ROOT,
    env: { ...env, TSX_TSCONFIG_PATH: 'bench/tracking/tsconfig.json' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const line = (name: string, r: LoadResult) =>
  `${name.padEnd(22)} ${String(rps(r)).padStart(7)} req/s   p50 ${ms(r.latency.p50)}   p99 ${ms(r.latency.p99)}   ` +
  `3xx ${r['3xx']}  other ${r.requests.total - r['3xx']}  errors ${r.errors}  timeouts ${r.timeouts}`;

async function main() {
  const dbUrl = await freshDatabase();
  const handle = await openDatabase({ url: dbUrl, poolSize: 2 });
  await migrateDatabase(handle);
  const { messageIds, linkId } = await seedCampaign(handle.db, MESSAGES);
  const key = trackingCodeKey(SECRET);
  const paths = messageIds.map((id) => `/r/${signClickCode(key, id, linkId)}`);
  log(`${MESSAGES} messages, one link; ${REQUESTS} requests per target over ${CONNECTIONS} connections`);

  const api = await startApiProcess('tracking', dbUrl, log, {
    TRACKING_SECRET: SECRET,
    LOG_LEVEL: 'warn',
    WORKERS_IN_API: env['BENCH_WORKERS_IN_API'] ?? 'true',
    // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the API spends its time
    ...(env['BENCH_API_NODE_OPTIONS'] ? { NODE_OPTIONS: env['BENCH_API_NODE_OPTIONS'] } : {}),
  });
  const bare = await startBare();
  const redis = new Redis(REDIS_URL);
  try {
    // Warm both (JIT, keep-alive sockets, the link cache), then measure bare → ours → bare → ours.
    await load(bare.url, paths, { amount: 5000, connections: CONNECTIONS });
    await load(api.url, paths, { amount: 5000, connections: CONNECTIONS });
    const bares: LoadResult[] = [];
    const ours: LoadResult[] = [];
    for (let round = 0; round < 2; round++) {
      bares.push(await load(bare.url, paths, { amount: REQUESTS, connections: CONNECTIONS }));
      ours.push(await load(api.url, paths, { amount: REQUESTS, connections: CONNECTIONS }));
    }
    bares.forEach((r, i) => log(line(`bare Fastify #${i + 1}`, r)));
    ours.forEach((r, i) => log(line(`tracked redirect #${i + 1}`, r)));

    // Every answered hit must land: wait for the consumer to drain the stream, then count.
    const answered = 5000 + ours.reduce((n, r) => n + r['3xx'], 0);
    const stream = `crm-bench-tracking-${new URL(api.url).port}:tracking:hits`;
    const drainStart = Date.now();
    let events = 0;
    for (;;) {
      events = Number(
        rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from engagement_events`))[0].n,
      );
      const len = await redis.xlen(stream);
      if ((events >= answered && len === 0) || Date.now() - drainStart > 120_000) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const best = (rs: LoadResult[]) => rs.reduce((a, b) => (rps(b) > rps(a) ? b : a));
    const b = best(bares);
    const o = best(ours);
    log(`drained in ${((Date.now() - drainStart) / 1000).toFixed(1)} s after the last request`);
    log(
      `hits answered 302: ${answered}, engagement_events rows: ${events} → ${events === answered ? 'no hit lost' : 'MISMATCH'}`,
    );
    log(
      `RESULT ours ${rps(o)} req/s vs bare ${rps(b)} req/s = ${Math.round((100 * rps(o)) / rps(b))} % (target ≥ 50 %); ` +
        `p99 ours ${ms(o.latency.p99)} (target < 20 ms), bare ${ms(b.latency.p99)}`,
    );
    if (events !== answered) process.exitCode = 1;
  } finally {
    await redis.del(`crm-bench-tracking-${new URL(api.url).port}:tracking:hits`).catch(() => undefined);
    redis.disconnect();
    bare.stop();
    await api.stop();
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
