/**
 * Tracked-redirect benchmark: `GET /r/<code>` of the production bundle (signed code checked, link
 * from the in-process cache, hit appended to the Redis stream before the 302) against a bare
 * Fastify 302 route in its own process, same machine, same run.
 *
 * Layout as documented for production: the API serves the redirects (WORKERS_IN_API=false) and an
 * apps/worker process drains the hit stream into engagement_events. Rounds: bare → ours → bare →
 * ours with the worker not yet started (the request path, the figure the target is about); then the
 * worker starts on the backlog and one more round of ours runs while it writes on the same two cores
 * (printed, not the target); then every answered hit is counted back: none may be lost.
 * BENCH_LAYOUT=single runs the consumer inside the API from the start instead.
 *
 *   npm run bench:tracking
 *
 * Env: BENCH_REQUESTS (100000 per target), BENCH_CONNECTIONS (32), BENCH_MESSAGES (1000 distinct
 * codes), BENCH_LAYOUT (split | single), TEST_PG_ADMIN_URL, REDIS_URL.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rowsOf } from '@mini-crm/db';
import { startBundle, WORKSPACE_ROOT } from '@mini-crm/testing/e2e';
import { signClickCode, trackingCodeKey } from '../../libs/api/campaigns/src/lib/links/tracking-code.util';
import { startApiProcess } from '../shared/api-process';
import { load, rps, type LoadResult } from '../shared/load';
import { seedCampaign } from './seed';

const env = process.env;
const REQUESTS = Number(env['BENCH_REQUESTS'] ?? 100_000);
const CONNECTIONS = Number(env['BENCH_CONNECTIONS'] ?? 32);
const MESSAGES = Number(env['BENCH_MESSAGES'] ?? 1000);
const SPLIT = (env['BENCH_LAYOUT'] ?? 'split') !== 'single';
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

  // The limits stay on (their Redis counting is part of every hit's cost) but cannot trip: every
  // request comes from one address and each of the 1,000 codes is hit hundreds of times.
  const appEnv = {
    TRACKING_SECRET: SECRET,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_TRACKING_PER_IP: '10000000',
    RATE_LIMIT_TRACKING_PER_CODE: '10000000',
  };
  const api = await startApiProcess('tracking', dbUrl, log, {
    ...appEnv,
    WORKERS_IN_API: SPLIT ? 'false' : 'true',
    // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the API spends its time
    ...(env['BENCH_API_NODE_OPTIONS'] ? { NODE_OPTIONS: env['BENCH_API_NODE_OPTIONS'] } : {}),
  });
  const bare = await startBare();
  const redis = new Redis(REDIS_URL);
  const prefix = `crm-bench-tracking-${new URL(api.url).port}`;
  let worker: Awaited<ReturnType<typeof startBundle>> | undefined;
  try {
    // Warm both (JIT, keep-alive sockets, the link cache), then measure bare → ours → bare → ours.
    await load(bare.url, paths, { amount: 5000, connections: CONNECTIONS });
    const warm = await load(api.url, paths, { amount: 5000, connections: CONNECTIONS });
    const bares: LoadResult[] = [];
    const ours: LoadResult[] = [];
    for (let round = 0; round < 2; round++) {
      bares.push(await load(bare.url, paths, { amount: REQUESTS, connections: CONNECTIONS }));
      ours.push(await load(api.url, paths, { amount: REQUESTS, connections: CONNECTIONS }));
    }
    bares.forEach((r, i) => log(line(`bare Fastify #${i + 1}`, r)));
    ours.forEach((r, i) => log(line(`tracked redirect #${i + 1}`, r)));
    const stream = `${prefix}:tracking:hits`;
    let whileDraining: LoadResult | undefined;
    let workerStarted = 0;
    if (SPLIT) {
      log(`backlog in the hit stream before the worker starts: ${await redis.xlen(stream)}`);
      worker = await startBundle({
        app: 'worker',
        dataDirPrefix: 'crm-bench-tracking-worker-',
        readyWithinMs: 120_000,
        env: {
          ...appEnv,
          NODE_ENV: 'development',
          DATABASE_URL: dbUrl,
          JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
          REDIS_URL,
          REDIS_PREFIX: prefix,
        },
      });
      workerStarted = Date.now();
      log(`apps/worker (pid ${worker.child.pid}) draining the stream`);
      whileDraining = await load(api.url, paths, { amount: REQUESTS, connections: CONNECTIONS });
      log(line('ours, worker writing', whileDraining));
    }

    // Every answered hit must land: wait for the consumer to drain the stream, then count.
    const ourRuns = [warm, ...ours, ...(whileDraining ? [whileDraining] : [])];
    const answered = ourRuns.reduce((n, r) => n + r['3xx'], 0);
    const not302 = ourRuns.reduce((n, r) => n + r.requests.total - r['3xx'], 0);
    if (not302 > 0) {
      log(`${not302} tracked requests were not answered 302: the figures below do not measure redirects`);
      process.exitCode = 1;
    }
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
    if (workerStarted)
      log(
        `apps/worker wrote ${events} events in ${((Date.now() - workerStarted) / 1000).toFixed(1)} s ` +
          `(${Math.round(events / ((Date.now() - workerStarted) / 1000))} events/s, while also serving one load round)`,
      );
    log(
      `hits answered 302: ${answered}, engagement_events rows: ${events} → ${events === answered ? 'no hit lost' : 'MISMATCH'}`,
    );
    log(
      `RESULT ours ${rps(o)} req/s vs bare ${rps(b)} req/s = ${Math.round((100 * rps(o)) / rps(b))} % (target ≥ 50 %); ` +
        `p99 ours ${ms(o.latency.p99)} (target < 20 ms), bare ${ms(b.latency.p99)}`,
    );
    if (whileDraining)
      log(
        `while the worker wrote the backlog on the same cores: ours ${rps(whileDraining)} req/s = ` +
          `${Math.round((100 * rps(whileDraining)) / rps(b))} % of bare, p99 ${ms(whileDraining.latency.p99)}`,
      );
    if (events !== answered) process.exitCode = 1;
  } finally {
    await redis.del(`${prefix}:tracking:hits`).catch(() => undefined);
    redis.disconnect();
    bare.stop();
    await worker?.stop();
    await api.stop();
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
