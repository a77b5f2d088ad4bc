/**
 * Scale-out benchmark: the documented multi-process layout on a local three-master Redis Cluster and
 * the PostgreSQL server. For each worker count (1, 2, 3): a fresh database, one API process
 * (WORKERS_IN_API=false, REDIS_CLUSTER_NODES) and that many apps/worker processes; N customers
 * imported through the API (multipart upload → a worker), then an SMS and an email campaign to all
 * of them (2N messages) to the vendor stub in its own process. Each round must be exact: the import's
 * counts, every message decided by the vendor once (no duplicate), stats reconciled; exit 1 otherwise.
 *
 *   npm run bench:scale        # = nx run-many -t build -p api worker && tsx … bench/scale/run.ts
 *
 * Env: BENCH_CUSTOMERS (100000), BENCH_WORKER_COUNTS (1,2,3), BENCH_CONCURRENCY (4), BENCH_BATCH (500),
 * TEST_PG_ADMIN_URL.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { freePort, redisClusterUnavailable, startRedisCluster, type RedisCluster } from '@mini-crm/testing/e2e';
import { Proc, startAppProcess, startStubProcess } from '../delivery/processes';
import { devLogin } from '../shared/dev-login';
import { freshDatabase } from '../shared/fresh-database';

const env = process.env;
const N = Number(env['BENCH_CUSTOMERS'] ?? 100_000);
const COUNTS = (env['BENCH_WORKER_COUNTS'] ?? '1,2,3').split(',').map(Number);
const CONCURRENCY = env['BENCH_CONCURRENCY'] ?? '4';
const BATCH = env['BENCH_BATCH'] ?? '500';
const ADMIN_URL = env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'crm_bench_scale';
const log = (m: string) => console.log(`[bench:scale] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Round {
  workers: number;
  importSeconds: number;
  sendSeconds: number;
  messages: number;
  duplicates: number;
  problems: string[];
  /** The host's 1/5/15-minute load average when the round's sends finished. */
  load: string;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

function customersCsv(n: number): Blob {
  const lines = ['Customer ID,First Name,E-mail,Mobile,City'];
  for (let i = 0; i < n; i++) lines.push(`S${i},Name${i},s${i}@example.com,+9198${10_000_000 + i},Pune`);
  return new Blob([lines.join('\n') + '\n'], { type: 'text/csv' });
}

async function json(res: Response) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function round(workers: number, cluster: RedisCluster, file: Blob): Promise<Round> {
  const procs: Proc[] = [];
  const problems: string[] = [];
  try {
    const dbUrl = await freshDatabase(ADMIN_URL, DB_NAME);
    const secret = randomBytes(16).toString('hex');
    const apiPort = await freePort();
    const stub = await startStubProcess(
      [
        '--receipt-url',
        `http://127.0.0.1:${apiPort}/api/delivery/receipts`,
        '--receipt-batch-size',
        '2000',
        '--receipt-delay-ms',
        '200',
        '--detail-limit',
        '1000',
      ],
      secret,
    );
    procs.push(stub);
    const common = {
      NODE_ENV: 'development',
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_ACCESS_TTL_SECONDS: '86400',
      DATABASE_URL: dbUrl,
      DB_STATEMENT_TIMEOUT_MS: '600000',
      REDIS_CLUSTER_NODES: cluster.nodes,
      REDIS_PREFIX: `crm-bench-scale-${apiPort}`,
      VENDOR_URL: stub.url,
      VENDOR_WEBHOOK_SECRET: secret,
      DELIVERY_BATCH_SIZE: BATCH,
      DELIVERY_CONCURRENCY: CONCURRENCY,
    };
    // The API first: it applies the migrations before any worker starts.
    const api = await startAppProcess(
      'api',
      apiPort,
      { ...common, AUTH_DEV_LOGIN: 'true', WORKERS_IN_API: 'false' },
      false,
    );
    procs.push(api);
    for (let w = 0; w < workers; w++)
      procs.push(await startAppProcess(`worker-${w + 1}`, await freePort(), common, true));
    const auth = { authorization: `Bearer ${await devLogin(api.url)}` };
    const jsonAuth = { ...auth, 'content-type': 'application/json' };

    // 1. The import, through the API: upload, then a worker parses and writes it.
    const form = new FormData();
    form.append('kind', 'customers');
    form.append('file', file, 'customers.csv');
    const t0 = performance.now();
    const { id: importId } = await json(
      await fetch(`${api.url}/api/imports`, { method: 'POST', headers: auth, body: form }),
    );
    let job;
    for (;;) {
      job = await json(await fetch(`${api.url}/api/imports/${importId}`, { headers: auth }));
      if (['completed', 'failed', 'cancelled'].includes(job.status)) break;
      await sleep(250);
    }
    const importSeconds = (performance.now() - t0) / 1000;
    if (job.status !== 'completed' || job.rows !== N || job.inserted !== N)
      problems.push(`import: ${JSON.stringify({ status: job.status, rows: job.rows, inserted: job.inserted })}`);
    log(
      `${workers} worker(s): imported ${job.inserted.toLocaleString()} customers in ${importSeconds.toFixed(1)} s (load ${load()})`,
    );

    // 2. An SMS and an email campaign to everyone, launched together.
    const segment = await json(
      await fetch(`${api.url}/api/segment-rules`, {
        method: 'POST',
        headers: jsonAuth,
        body: JSON.stringify({
          name: 'Pune',
          rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] },
        }),
      }),
    );
    const campaigns: string[] = [];
    for (const channel of ['sms', 'email'] as const)
      campaigns.push(
        (
          await json(
            await fetch(`${api.url}/api/campaigns`, {
              method: 'POST',
              headers: jsonAuth,
              body: JSON.stringify({
                name: `Scale ${channel}`,
                segmentId: segment.id,
                channel,
                message: 'Hi {{first_name|there}}, the Pune sale ends Sunday.',
                ...(channel === 'email' ? { subject: 'Sale ends Sunday' } : {}),
              }),
            }),
          )
        ).id,
      );
    const t1 = performance.now();
    let audience = 0;
    for (const id of campaigns)
      audience += (
        await json(
          await fetch(`${api.url}/api/campaigns/${id}/launch`, { method: 'POST', headers: jsonAuth, body: '{}' }),
        )
      ).audience;
    const stubStats = async () => json(await fetch(`${stub.url}/v1/stats`));
    for (;;) {
      await sleep(500);
      const states = await Promise.all(
        campaigns.map(
          async (id) => (await json(await fetch(`${api.url}/api/campaigns/${id}`, { headers: auth }))).status,
        ),
      );
      if (states.some((s) => s !== 'running' && s !== 'completed'))
        throw new Error(`a campaign is ${states.join(', ')}`);
      if (states.every((s) => s === 'completed') && (await stubStats()).receiptsPending === 0) break;
    }
    const sendSeconds = (performance.now() - t1) / 1000;
    const vendor = await stubStats();
    if (audience !== 2 * N) problems.push(`audience ${audience}, expected ${2 * N}`);
    if (vendor.sends !== audience) problems.push(`vendor decided ${vendor.sends} messages of ${audience}`);
    if (vendor.duplicates !== 0) problems.push(`${vendor.duplicates} duplicates at the vendor`);
    for (const id of campaigns) {
      const s = await json(await fetch(`${api.url}/api/campaigns/${id}/stats`, { headers: auth }));
      if (s.queued !== 0 || s.sent + s.failed !== s.audience)
        problems.push(`campaign ${id} stats: ${JSON.stringify(s)}`);
    }
    log(
      `${workers} worker(s): ${audience.toLocaleString()} messages, launch → last receipt ${sendSeconds.toFixed(1)} s (load ${load()})`,
    );
    return {
      workers,
      importSeconds,
      sendSeconds,
      messages: audience,
      duplicates: vendor.duplicates,
      problems,
      load: load(),
    };
  } finally {
    for (const p of procs.reverse()) await p.stop();
  }
}

async function main() {
  const missing = redisClusterUnavailable();
  if (missing) throw new Error(`bench:scale needs a local Redis Cluster: ${missing}`);
  const cluster = await startRedisCluster(3);
  log(`Redis Cluster on ${cluster.nodes}`);
  const results: Round[] = [];
  try {
    const file = customersCsv(N);
    for (const w of COUNTS) results.push(await round(w, cluster, file));
  } finally {
    await cluster.stop();
  }
  console.log('');
  console.log(
    `Scale-out — ${N.toLocaleString()} customers imported through the API, ${(2 * N).toLocaleString()} messages (SMS + email to all); ` +
      `Redis Cluster (3 masters), PostgreSQL server, 1 API (WORKERS_IN_API=false), worker concurrency ${CONCURRENCY}, batch ${BATCH}`,
  );
  console.log(
    '  workers | import rows/s | messages/s (launch → last receipt) | vendor duplicates | load 1/5/15 min at end | exact',
  );
  for (const r of results)
    console.log(
      `  ${String(r.workers).padStart(7)} | ${Math.round(N / r.importSeconds)
        .toLocaleString()
        .padStart(13)} | ${Math.round(r.messages / r.sendSeconds)
        .toLocaleString()
        .padStart(
          34,
        )} | ${String(r.duplicates).padStart(17)} | ${r.load.padStart(22)} | ${r.problems.length ? `NO: ${r.problems.join('; ')}` : 'yes'}`,
    );
  console.log(
    `  (host: ${cpus().length} cores; where every process shares the same cores, more workers show their overhead, not a speed-up)`,
  );
  if (results.some((r) => r.problems.length)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
