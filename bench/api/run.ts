/**
 * Authenticated API benchmark: keyset-paged `GET /api/customers?limit=50` (100k customers on the
 * server database) and `GET /api/health` of the production bundle, against a bare Fastify route
 * answering the same JSON from memory in its own process, same machine, same run (autocannon).
 *
 *   npm run bench:api
 *
 * Env: BENCH_CUSTOMERS (100000), BENCH_CONNECTIONS (50), BENCH_SECONDS (10 per round), BENCH_ROUNDS (2),
 * BENCH_PAGES (20 pages walked by cursor, then cycled), BENCH_CREDENTIAL (`key` | `user`), BENCH_TARGETS (`list,health`), BENCH_LOG_LEVEL (warn), BENCH_API_ENV
 * (extra API settings, `K=V,K=V`, e.g. to turn a feature off), BENCH_API_NODE_OPTIONS (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`), TEST_PG_ADMIN_URL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { migrateDatabase, openDatabase } from '@mini-crm/db';
import { WORKSPACE_ROOT } from '@mini-crm/testing/e2e';
import { startApiProcess } from '../shared/api-process';
import { devLogin } from '../shared/dev-login';
import { freshDatabase } from '../shared/fresh-database';
import { load, rps, type LoadOptions, type LoadResult } from '../shared/load';
import { seedCustomers } from './seed';

const env = process.env;
const CUSTOMERS = Number(env['BENCH_CUSTOMERS'] ?? 100_000);
const CONNECTIONS = Number(env['BENCH_CONNECTIONS'] ?? 50);
const SECONDS = Number(env['BENCH_SECONDS'] ?? 10);
const ROUNDS = Number(env['BENCH_ROUNDS'] ?? 2);
const PAGES = Number(env['BENCH_PAGES'] ?? 20);
const ADMIN_URL = env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (m: string) => console.log(`[bench:api] ${m}`);

/**
 * The Authorization header every measured request carries: a marketer API key, as an integrating
 * system sends it (BENCH_CREDENTIAL=user measures a person's access token instead).
 */
async function credential(apiUrl: string): Promise<string> {
  const token = await devLogin(apiUrl); // the first dev sign-in is the admin
  if (env['BENCH_CREDENTIAL'] === 'user') return `Bearer ${token}`;
  const res = await fetch(`${apiUrl}/api/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', role: 'marketer' }),
  });
  if (res.status !== 201) throw new Error(`creating an API key answered ${res.status}: ${await res.text()}`);
  return `Bearer ${((await res.json()) as { key: string }).key}`;
}

function extraApiEnv(): Record<string, string> {
  const pairs = (env['BENCH_API_ENV'] ?? '').split(',').filter(Boolean);
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

/** CPU seconds a process has used so far in user and in kernel (system) mode, from /proc. */
function cpuSeconds(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** A load run plus the CPU milliseconds the server spent per answered request (and the kernel's part of them). */
async function measured(pid: number, url: string, paths: string[], o: LoadOptions) {
  const before = cpuSeconds(pid);
  const r = await load(url, paths, o);
  const after = cpuSeconds(pid);
  const perRequest = (s: number) => (1000 * s) / Math.max(1, r.requests.total);
  return {
    ...r,
    cpuMsPerRequest: perRequest(after.user - before.user + after.system - before.system),
    systemMsPerRequest: perRequest(after.system - before.system),
  };
}
type Measured = Awaited<ReturnType<typeof measured>>;

function startBare(jsonFile: string): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api/bare-server.ts'], {
    cwd: WORKSPACE_ROOT,
    env: { ...env, TSX_TSCONFIG_PATH: 'bench/api/tsconfig.json', BENCH_BARE_JSON: jsonFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) resolve({ url: m[1], pid: child.pid as number, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
}

async function getJson(url: string, authorization?: string): Promise<unknown> {
  const res = await fetch(url, { headers: authorization ? { authorization } : {} });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** The first `PAGES` pages of the list, each path with the cursor the previous page answered. */
async function pagePaths(apiUrl: string, authorization: string): Promise<{ paths: string[]; first: unknown }> {
  const paths = ['/api/customers?limit=50'];
  const first = await getJson(apiUrl + paths[0], authorization);
  let page = first as { items: unknown[]; nextCursor: string | null };
  while (paths.length < PAGES && page.nextCursor) {
    paths.push(`/api/customers?limit=50&cursor=${encodeURIComponent(page.nextCursor)}`);
    page = (await getJson(apiUrl + paths[paths.length - 1], authorization)) as typeof page;
    if (page.items.length !== 50) throw new Error(`page ${paths.length} has ${page.items.length} items`);
  }
  return { paths, first };
}

const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
const best = <T extends LoadResult>(rs: T[]) => rs.reduce((a, b) => (rps(b) > rps(a) ? b : a));
const row = (name: string, r: Measured, bare?: LoadResult) =>
  `${name.padEnd(26)} ${String(rps(r)).padStart(7)} req/s  p50 ${ms(r.latency.p50)}  p99 ${ms(r.latency.p99)}  ` +
  `CPU ${r.cpuMsPerRequest.toFixed(2).padStart(6)} ms/req (kernel ${r.systemMsPerRequest.toFixed(2)})  ` +
  `${bare ? `${((100 * rps(r)) / rps(bare)).toFixed(1).padStart(5)} % of bare` : '            '}  ` +
  `non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}`;

async function main() {
  const dbUrl = await freshDatabase(ADMIN_URL, 'crm_bench_api');
  const handle = await openDatabase({ url: dbUrl, poolSize: 2 });
  await migrateDatabase(handle);
  const t0 = Date.now();
  await seedCustomers(handle.pool as NonNullable<typeof handle.pool>, CUSTOMERS);
  log(`seeded ${CUSTOMERS} customers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await handle.close();

  const api = await startApiProcess('api', dbUrl, log, {
    LOG_LEVEL: env['BENCH_LOG_LEVEL'] ?? 'warn',
    // Limits stay on (their cost is measured) but high enough that the load is never answered 429.
    RATE_LIMIT_PER_IP: '10000000',
    RATE_LIMIT_PRINCIPAL_RATE: '1000000',
    RATE_LIMIT_PRINCIPAL_BURST: '10000000',
    ...(env['BENCH_API_NODE_OPTIONS'] ? { NODE_OPTIONS: env['BENCH_API_NODE_OPTIONS'] } : {}),
    ...extraApiEnv(),
  });
  let bare: { url: string; pid: number; stop(): void } | undefined;
  try {
    const authorization = await credential(api.url);
    const { paths, first } = await pagePaths(api.url, authorization);
    const health = await getJson(`${api.url}/api/health`);
    const jsonFile = join(mkdtempSync(join(tmpdir(), 'crm-bench-api-')), 'bodies.json');
    writeFileSync(jsonFile, JSON.stringify({ customers: first, health }));
    bare = await startBare(jsonFile);
    log(
      `${paths.length} list pages cycled (${JSON.stringify(first).length} bytes each), ${CONNECTIONS} connections, ` +
        `${ROUNDS} × ${SECONDS} s per target, load average before ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );

    const targets = [
      { name: 'customers list', paths, headers: { authorization } },
      { name: 'health', paths: ['/api/health'], headers: {} as Record<string, string> },
    ].filter(
      (t) => !env['BENCH_TARGETS'] || env['BENCH_TARGETS'].split(',').includes(t.name.split(' ').pop() as string),
    );
    const lines: string[] = [];
    const summary: string[] = [];
    for (const t of targets) {
      const o = { seconds: SECONDS, connections: CONNECTIONS, headers: t.headers };
      // warm both (JIT, keep-alive sockets, pools), then bare → ours, interleaved
      await load(bare.url, t.paths, { ...o, seconds: 3 });
      await load(api.url, t.paths, { ...o, seconds: 3 });
      const bares: Measured[] = [];
      const ours: Measured[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bares.push(await measured(bare.pid, bare.url, t.paths, o));
        ours.push(await measured(api.pid, api.url, t.paths, o));
      }
      const b = best(bares);
      const r = best(ours);
      bares.forEach((x, i) => lines.push(row(`bare ${t.name} #${i + 1}`, x)));
      ours.forEach((x, i) => lines.push(row(`API ${t.name} #${i + 1}`, x, b)));
      summary.push(
        `${t.name}: ${rps(r)} req/s = ${((100 * rps(r)) / rps(b)).toFixed(1)} % of bare ${rps(b)}, p99 ${r.latency.p99} ms, ` +
          `CPU ${r.cpuMsPerRequest.toFixed(2)} vs ${b.cpuMsPerRequest.toFixed(2)} ms/req`,
      );
      if ([...ours, ...bares].some((x) => x.non2xx || x.errors)) process.exitCode = 1;
    }
    lines.forEach((l) => log(l));
    const mem = api.memory();
    log(`API RSS ${mem.rssMb} MB (peak ${mem.peakMb} MB); load average after ${loadavg()[0].toFixed(1)}`);
    log(`RESULT ${summary.join('; ')} (target: list ≥ 25 % of bare, p99 < 50 ms)`);
    if (process.exitCode) log('some answers were not 2xx: see non-2xx / errors above');
  } finally {
    bare?.stop();
    await api.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
