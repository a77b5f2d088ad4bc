/**
 * Delivery benchmark: one SMS campaign to BENCH_RECIPIENTS (default 1,000,000) customers on the
 * PostgreSQL server and Redis, through the production bundle (API process + `--worker` process)
 * to the vendor stub in its own process on loopback, receipts coming back signed.
 *
 *   npx nx build api && npx tsx --tsconfig bench/delivery/tsconfig.json bench/delivery/run.ts
 *
 * Prints: end-to-end messages/s from launch to the last receipt applied, the snapshot and send
 * phases, peak RSS per process, the stub's duplicate count (must be 0), and — measured in the
 * same run before the campaign — the stub's own ceiling under a bare load generator.
 *
 * Then (unless BENCH_SMTP=0) an email campaign to the same customers over SMTP (EMAIL_PROVIDER=smtp,
 * nodemailer pooled) into a local smtp-server sink, printed beside the vendor run (smtp-run.ts).
 *
 * Env: BENCH_RECIPIENTS, BENCH_WORKERS (1), BENCH_CONCURRENCY (8), BENCH_BATCH (500),
 * BENCH_RECEIPT_BATCH (2000), BENCH_RECEIPT_CONCURRENCY (4, the stub's receipt POSTs in flight),
 * BENCH_CEILING_MESSAGES (300000), BENCH_REUSE (1 = keep the seeded customers of the previous run),
 * BENCH_SMTP (1; 0 skips the SMTP run), BENCH_SMTP_POOL (5, pooled SMTP connections per worker),
 * TEST_PG_ADMIN_URL, REDIS_URL.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateDatabase, openDatabase } from '@mini-crm/db';
import { freePort } from '@mini-crm/testing/e2e';
import { postgresCpuSeconds, Proc, startAppProcess, startStubProcess } from './processes';
import { expectedAudience, seedCustomers } from './seed';
import { runSmtp } from './smtp-run';
import { measureStubCeiling } from './stub-ceiling';
import { devLogin } from '../shared/dev-login';

const env = process.env;
const N = Number(env['BENCH_RECIPIENTS'] ?? 1_000_000);
const WORKERS = Number(env['BENCH_WORKERS'] ?? 1);
const CONCURRENCY = env['BENCH_CONCURRENCY'] ?? '8';
const BATCH = env['BENCH_BATCH'] ?? '500';
const RECEIPT_BATCH = env['BENCH_RECEIPT_BATCH'] ?? '2000';
const RECEIPT_CONCURRENCY = env['BENCH_RECEIPT_CONCURRENCY'] ?? '4';
const CEILING_MESSAGES = Number(env['BENCH_CEILING_MESSAGES'] ?? 300_000);
const SMTP = env['BENCH_SMTP'] !== '0';
const SMTP_POOL = Number(env['BENCH_SMTP_POOL'] ?? 5);
const ADMIN_URL = env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const DB_NAME = 'crm_bench_delivery';
const log = (m: string) => console.log(`[bench:delivery] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh database, or (BENCH_REUSE=1) the previous run's customers with campaigns and messages cleared. */
async function prepareDatabase(): Promise<{ url: string; seeded: boolean }> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  if (env['BENCH_REUSE'] === '1') {
    const c = new Client({ connectionString: url.toString() });
    const ok = await c.connect().then(
      async () => Number((await c.query('select count(*)::int as n from customers')).rows[0].n) === N,
      () => false,
    );
    if (ok) {
      await c.query('truncate message_events, messages, campaigns, segments cascade');
      await c.query('vacuum analyze messages');
    }
    await c.end().catch(() => undefined);
    if (ok) return { url: url.toString(), seeded: true };
  }
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const handle = await openDatabase({ url: url.toString(), poolSize: 2 });
  await migrateDatabase(handle);
  await handle.close();
  return { url: url.toString(), seeded: false };
}

async function json(res: Response) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function main() {
  const procs: Proc[] = [];
  const stopAll = async () => {
    for (const p of procs.reverse()) await p.stop();
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const { url: dbUrl, seeded } = await prepareDatabase();
    if (seeded) log(`reusing the ${N.toLocaleString()} customers of ${DB_NAME} (BENCH_REUSE=1)`);
    else {
      log(`database ${DB_NAME} ready; seeding…`);
      await seedCustomers(dbUrl, N, log);
    }
    const audience = expectedAudience(N);

    const secret = randomBytes(16).toString('hex');
    // 1. The stub's ceiling on its own (receipts kept in memory, nothing else running).
    const bare = await startStubProcess(['--receipt-delay-ms', '200'], secret);
    procs.push(bare);
    const ceilingN = Math.min(CEILING_MESSAGES, N);
    const ceiling = await measureStubCeiling(bare.url, ceilingN, 500, 8);
    log(
      `stub ceiling (bare load generator, batches of 500, 8 in flight): ${Math.round(ceiling.perSecond).toLocaleString()} msg/s over ${ceilingN.toLocaleString()} messages`,
    );
    await bare.stop();
    procs.pop();

    // 2. The real pipeline.
    const apiPort = await freePort();
    const stub = await startStubProcess(
      [
        '--receipt-url',
        `http://127.0.0.1:${apiPort}/api/delivery/receipts`,
        '--receipt-batch-size',
        RECEIPT_BATCH,
        '--receipt-concurrency',
        RECEIPT_CONCURRENCY,
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
      DATABASE_URL: dbUrl,
      DB_POOL_SIZE: '16',
      DB_STATEMENT_TIMEOUT_MS: '600000',
      // a run can outlast the default 15-minute access token
      JWT_ACCESS_TTL_SECONDS: '86400',
      REDIS_URL,
      REDIS_PREFIX: `crm-bench-delivery-${apiPort}`,
      VENDOR_URL: stub.url,
      VENDOR_WEBHOOK_SECRET: secret,
      DELIVERY_BATCH_SIZE: BATCH,
      DELIVERY_CONCURRENCY: CONCURRENCY,
    };
    const api = await startAppProcess(
      'api',
      apiPort,
      { ...common, AUTH_DEV_LOGIN: 'true', WORKERS_IN_API: 'false' },
      false,
    );
    procs.push(api);
    for (let w = 0; w < WORKERS; w++)
      procs.push(await startAppProcess(`worker-${w + 1}`, await freePort(), common, true));

    const accessToken = await devLogin(api.url);
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const segment = await json(
      await fetch(`${api.url}/api/segment-rules`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          name: 'Everyone',
          rules: { op: 'and', rules: [{ field: 'total_spend', operator: 'gte', value: 0 }] },
        }),
      }),
    );
    const campaign = await json(
      await fetch(`${api.url}/api/campaigns`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          name: 'Bench',
          segmentId: segment.id,
          channel: 'sms',
          message: 'Hi {{first_name|there}}, {{city}} sale ends Sunday. Reply STOP to opt out.',
        }),
      }),
    );

    const stubStats = async () => json(await fetch(`${stub.url}/v1/stats`));
    const cpuAt = () => [...procs.map((p) => p.cpuSeconds()), postgresCpuSeconds()];
    const cpu0 = cpuAt();
    const wal = new Client({ connectionString: dbUrl });
    await wal.connect();
    const walAt = async () =>
      (
        await wal.query(
          'select pg_current_wal_lsn()::text as lsn, (select checkpoints_timed + checkpoints_req from pg_stat_bgwriter)::int as n',
        )
      ).rows[0];
    const wal0 = await walAt();
    const t0 = performance.now();
    const launched = await json(
      await fetch(`${api.url}/api/campaigns/${campaign.id}/launch`, { method: 'POST', headers: auth, body: '{}' }),
    );
    const tLaunched = performance.now();
    log(
      `launched: audience ${launched.audience.toLocaleString()} (expected ${audience.toLocaleString()}), suppressed ${launched.suppressed.toLocaleString()}; snapshot + enqueue took ${((tLaunched - t0) / 1000).toFixed(1)} s`,
    );

    let tSent = 0;
    let last = 0;
    for (;;) {
      await sleep(500);
      for (const p of procs) p.peakRssMb();
      const s = await stubStats();
      if (!tSent) {
        const c = await json(await fetch(`${api.url}/api/campaigns/${campaign.id}`, { headers: auth }));
        if (c.status === 'completed') tSent = performance.now();
        else if (c.status !== 'running') throw new Error(`campaign is ${c.status}: ${c.statusReason}`);
      }
      if (performance.now() - last > 5000) {
        last = performance.now();
        log(
          `  t=${((performance.now() - t0) / 1000).toFixed(0)} s: vendor sends ${s.sends.toLocaleString()}, receipts acknowledged ${s.receiptsSent.toLocaleString()}, pending ${s.receiptsPending.toLocaleString()}`,
        );
      }
      if (tSent && s.receiptsPending === 0) break;
    }
    const tDone = performance.now();
    const cpuUsed = cpuAt().map((c, i) => c - cpu0[i]);
    const wal1 = await walAt();
    const walMb =
      Number((await wal.query('select pg_wal_lsn_diff($1, $2)::bigint as b', [wal1.lsn, wal0.lsn])).rows[0].b) /
      1024 /
      1024;
    await wal.end();
    const vendor = await stubStats();
    const stats = await json(await fetch(`${api.url}/api/campaigns/${campaign.id}/stats`, { headers: auth }));
    const seconds = (tDone - t0) / 1000;
    const reconciled = stats.queued + stats.sent + stats.failed === stats.audience && stats.queued === 0;

    console.log('');
    console.log(
      `Delivery benchmark — ${N.toLocaleString()} customers, SMS, PostgreSQL server + Redis, vendor stub on loopback`,
    );
    console.log(
      `  processes: API ×1 (receipts) + worker ×${WORKERS} (concurrency ${CONCURRENCY}, batch ${BATCH}) + stub (receipt batch ${RECEIPT_BATCH}, ${RECEIPT_CONCURRENCY} in flight)`,
    );
    console.log(
      `  audience ${stats.audience.toLocaleString()}  sent ${stats.sent.toLocaleString()}  failed ${stats.failed.toLocaleString()}  delivered ${stats.delivered.toLocaleString()}  clicked ${stats.clicked.toLocaleString()}  reconciled: ${reconciled}`,
    );
    console.log(`  snapshot + enqueue (launch call): ${((tLaunched - t0) / 1000).toFixed(1)} s`);
    console.log(
      `  launch → all sent (campaign completed): ${((tSent - t0) / 1000).toFixed(1)} s  (${Math.round(stats.audience / ((tSent - t0) / 1000)).toLocaleString()} msg/s)`,
    );
    console.log(
      `  launch → last receipt applied: ${seconds.toFixed(1)} s  → END TO END ${Math.round(stats.audience / seconds).toLocaleString()} msg/s (target ≥ 10,000)`,
    );
    console.log(
      `  vendor: sends ${vendor.sends.toLocaleString()}, duplicates ${vendor.duplicates} (must be 0), replays ${vendor.replays}, receipts ${vendor.receiptsSent.toLocaleString()}`,
    );
    console.log(`  stub ceiling (bare load generator): ${Math.round(ceiling.perSecond).toLocaleString()} msg/s`);
    const cpuNames = [...procs.map((p) => p.name), 'postgres (all server processes)'];
    console.log(
      `  CPU seconds from launch to the last receipt: ${cpuNames.map((n, i) => `${n} ${cpuUsed[i].toFixed(1)}`).join(', ')} (wall ${seconds.toFixed(1)} s)`,
    );
    console.log(
      `  WAL written from launch to the last receipt: ${Math.round(walMb).toLocaleString()} MB, checkpoints ${wal1.n - wal0.n}`,
    );
    console.log(
      `  peak RSS: ${procs.map((p) => `${p.name} ${p.peakRssMb()} MB`).join(', ')}, bench ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    if (vendor.duplicates !== 0 || vendor.sends !== stats.audience || !reconciled) {
      process.exitCode = 1;
      console.log('  FAILED: duplicates, lost messages or unreconciled stats');
    }
    if (!SMTP) return;

    // 3. The same customers by email over SMTP, with the vendor run's processes gone.
    for (const p of procs.splice(0).reverse()) await p.stop();
    const smtp = await runSmtp(common, WORKERS, SMTP_POOL, log);
    const vendorSendRate = stats.audience / ((tSent - t0) / 1000);
    console.log('');
    console.log(
      `SMTP run — the same ${N.toLocaleString()} customers, email, EMAIL_PROVIDER=smtp (nodemailer, ${smtp.pool} pooled connections per worker) to a local smtp-server sink`,
    );
    console.log(
      `  audience ${smtp.audience.toLocaleString()}  sent ${smtp.sent.toLocaleString()}  failed ${smtp.failed.toLocaleString()}  accepted by the sink ${smtp.accepted.toLocaleString()} (must equal sent)`,
    );
    console.log(`  snapshot + enqueue (launch call): ${smtp.snapshotSeconds.toFixed(1)} s`);
    console.log(
      `  launch → every message accepted by the SMTP server: ${smtp.seconds.toFixed(1)} s → ${Math.round(smtp.perSecond).toLocaleString()} msg/s`,
    );
    console.log(
      `  beside the vendor run: SMTP ${Math.round(smtp.perSecond).toLocaleString()} msg/s vs vendor ${Math.round(vendorSendRate).toLocaleString()} msg/s (launch → all sent)`,
    );
    console.log(`  CPU seconds: ${smtp.cpu}; peak RSS: ${smtp.peakRss}`);
    if (smtp.accepted !== smtp.sent || smtp.sent + smtp.failed !== smtp.audience) {
      process.exitCode = 1;
      console.log('  FAILED: the sink accepted another number of messages than were sent, or stats do not reconcile');
    }
  } finally {
    await stopAll();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
