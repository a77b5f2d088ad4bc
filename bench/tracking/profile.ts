/**
 * CPU profile of the API bundle serving tracked redirects under the benchmark's load (request path
 * only: no consumer), for `bench/shared/profile-top.ts`:
 *
 *   npx tsx --tsconfig bench/tracking/tsconfig.json bench/tracking/profile.ts
 *   npx tsx bench/shared/profile-top.ts /tmp/crm-tracking-prof/<pid>.cpuprofile 40
 *
 * The profiler (bench/shared/cpu-profile.cjs, preloaded) starts PROFILE_DELAY_S after the API is
 * spawned, once it is ready and warm, and covers PROFILE_SECONDS of load. Env: PROFILE_DELAY_S (45),
 * PROFILE_SECONDS (15), BENCH_CONNECTIONS (32), BENCH_MESSAGES (1000), TEST_PG_ADMIN_URL, REDIS_URL.
 */
import { existsSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { WORKSPACE_ROOT } from '@mini-crm/testing/e2e';
import { openDatabase, migrateDatabase } from '@mini-crm/db';
import { signClickCode, trackingCodeKey } from '../../libs/api/campaigns/src/lib/links/tracking-code.util';
import { freshDatabase } from '../shared/fresh-database';
import { startApiProcess } from '../shared/api-process';
import { load, rps } from '../shared/load';
import { seedCampaign } from './seed';

const env = process.env;
const DELAY_S = Number(env['PROFILE_DELAY_S'] ?? 45);
const SECONDS = Number(env['PROFILE_SECONDS'] ?? 15);
const CONNECTIONS = Number(env['BENCH_CONNECTIONS'] ?? 32);
const MESSAGES = Number(env['BENCH_MESSAGES'] ?? 1000);
const DIR = '/tmp/crm-tracking-prof';
const SECRET = 'bench-tracking-secret-bench-tracking-secret';
const log = (m: string) => console.log(`[profile:tracking] ${m}`);

/** CPU seconds a process has used (user + system), from /proc. */
const cpuOf = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
/** Redis's own CPU seconds and its EVALSHA calls and µs (shared server: other clients count too). */
const redisCpu = async (redis: Redis) => {
  const info = await redis.info('all');
  const num = (re: RegExp) => Number(re.exec(info)?.[1] ?? 0);
  return {
    cpu: num(/used_cpu_user:([\d.]+)/) + num(/used_cpu_sys:([\d.]+)/),
    evalshaCalls: num(/cmdstat_evalsha:calls=(\d+)/),
    evalshaUs: num(/cmdstat_evalsha:calls=\d+,usec=(\d+)/),
  };
};

async function main() {
  const dbUrl = await freshDatabase(
    env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
    'crm_bench_tracking_prof',
  );
  const handle = await openDatabase({ url: dbUrl, poolSize: 2 });
  await migrateDatabase(handle);
  const { messageIds, linkId } = await seedCampaign(handle.db, MESSAGES);
  const key = trackingCodeKey(SECRET);
  const paths = messageIds.map((id) => `/r/${signClickCode(key, id, linkId)}`);
  const spawned = Date.now();
  const api = await startApiProcess('tracking-prof', dbUrl, log, {
    TRACKING_SECRET: SECRET,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_TRACKING_PER_IP: '10000000',
    RATE_LIMIT_TRACKING_PER_CODE: '10000000',
    WORKERS_IN_API: 'false',
    NODE_OPTIONS: `--require ${WORKSPACE_ROOT}/bench/shared/cpu-profile.cjs`,
    CPU_PROF_DIR: DIR,
    CPU_PROF_DELAY_MS: String(DELAY_S * 1000),
    CPU_PROF_MS: String(SECONDS * 1000),
  });
  const redis = new Redis(env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  try {
    // Warm until the profiler starts (JIT, sockets, link cache), then load through its whole window.
    while (Date.now() - spawned < DELAY_S * 1000)
      await load(api.url, paths, {
        seconds: Math.min(5, Math.max(1, DELAY_S - (Date.now() - spawned) / 1000)),
        connections: CONNECTIONS,
      });
    const [apiCpu0, redis0] = [cpuOf(api.pid), await redisCpu(redis)];
    const r = await load(api.url, paths, { seconds: SECONDS + 1, connections: CONNECTIONS });
    const [apiCpu1, redis1] = [cpuOf(api.pid), await redisCpu(redis)];
    const perHit = (s: number) => `${((s * 1e6) / r.requests.total).toFixed(1)} µs`;
    log(`${rps(r)} req/s, p99 ${r.latency.p99} ms, 3xx ${r['3xx']} of ${r.requests.total}`);
    log(
      `CPU per request: API ${perHit(apiCpu1 - apiCpu0)}, Redis ${perHit(redis1.cpu - redis0.cpu)}; ` +
        `EVALSHA calls ${redis1.evalshaCalls - redis0.evalshaCalls}, ${perHit((redis1.evalshaUs - redis0.evalshaUs) / 1e6)} per request`,
    );
    const file = `${DIR}/${api.pid}.cpuprofile`;
    for (let i = 0; i < 40 && !existsSync(file); i++) await new Promise((res) => setTimeout(res, 250));
    log(existsSync(file) ? `profile: ${file}` : `no profile at ${file}`);
  } finally {
    await redis.del(`crm-bench-tracking-prof-${new URL(api.url).port}:tracking:hits`).catch(() => undefined);
    redis.disconnect();
    await api.stop();
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
