/**
 * Import benchmark: a deterministic customers CSV (~2 % invalid rows, ~1 % duplicates, mixed
 * phone formats) imported through the real pipeline (API process: multipart upload → BullMQ →
 * parser worker thread → batched COPY + INSERT … ON CONFLICT into the PostgreSQL server, fresh
 * database), against two references measured in the same run on the same file:
 *   - the bare floor: the same parsing + normalization (phone numbers included) on one thread, writing nowhere;
 *   - raw COPY of the file into an unindexed table.
 * Also the PGlite figure for 100,000 rows.
 *
 *   npx tsx --tsconfig bench/import/tsconfig.json bench/import/run.ts
 *
 * Env: BENCH_ROWS (1000000), BENCH_PGLITE_ROWS (100000), BENCH_PG_ADMIN_URL
 * (postgres://postgres@127.0.0.1:5432/postgres), BENCH_DIR (/tmp/crm-bench-import).
 */
import { createReadStream, mkdirSync, openAsBlob, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { parseImportFile } from '@mini-crm/api/imports';
import { startApiProcess } from '../shared/api-process';
import { generateCustomersCsv, type GeneratedFile } from './generate-customers';
import { devLogin } from '../shared/dev-login';

const env = process.env;
const ROWS = Number(env['BENCH_ROWS'] ?? 1_000_000);
const PGLITE_ROWS = Number(env['BENCH_PGLITE_ROWS'] ?? 100_000);
const ADMIN_URL = env['BENCH_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DIR = env['BENCH_DIR'] ?? '/tmp/crm-bench-import';
/** Comma-separated subset of floor,copy,pg,pglite to run (all by default): for quick iterations. */
const PARTS = new Set((env['BENCH_PARTS'] ?? 'floor,copy,pg,pglite').split(','));
const log = (m: string) => console.log(`[bench:import] ${m}`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function freshDatabase(name: string): Promise<string> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function bareFloor(path: string): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  let rows = 0;
  for await (const batch of parseImportFile(createReadStream(path, { highWaterMark: 256 * 1024 }), {
    kind: 'customers',
    batchSize: 5000,
  })) {
    rows += batch.rows.length + batch.failedRows;
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}

async function rawCopy(path: string): Promise<{ rows: number; seconds: number }> {
  const url = await freshDatabase('crm_bench_import_copy');
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(
    'create table raw_customers (external_id text, first_name text, last_name text, email text, phone text, city text, country text, tags text, loyalty_tier text)',
  );
  const started = performance.now();
  const copy = c.query(copyFrom('COPY raw_customers FROM STDIN (FORMAT csv, HEADER true)'));
  await pipeline(createReadStream(path, { highWaterMark: 256 * 1024 }), copy);
  const seconds = (performance.now() - started) / 1000;
  const rows = Number(copy.rowCount);
  await c.end();
  return { rows, seconds };
}

/**
 * The database's own ceiling for these rows: the customers the pipeline stored, copied aside into
 * an unlogged table, then put back with one INSERT … SELECT into the emptied `customers` table
 * with all its indexes (no parsing, no network, no duplicate checks beyond the unique indexes).
 */
async function databaseCeiling(databaseUrl: string): Promise<{ rows: number; seconds: number }> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query('create unlogged table ceiling_customers as select * from customers order by id');
  await c.query('truncate customers cascade');
  await c.query('checkpoint');
  const started = performance.now();
  const res = await c.query('insert into customers select * from ceiling_customers order by id on conflict do nothing');
  const seconds = (performance.now() - started) / 1000;
  await c.end();
  return { rows: res.rowCount ?? 0, seconds };
}

interface PipelineResult {
  job: Record<string, unknown> & {
    rows: number;
    inserted: number;
    duplicates: number;
    failed: number;
    updated: number;
    status: string;
    startedAt: string;
    finishedAt: string;
  };
  processingSeconds: number;
  endToEndSeconds: number;
  uploadSeconds: number;
  baselineMb: number;
  peakMb: number;
}

async function throughApi(path: string, databaseUrl: string | undefined): Promise<PipelineResult> {
  const api = await startApiProcess(
    'import',
    databaseUrl,
    log,
    env['BENCH_API_ENV']
      ? Object.fromEntries(
          env['BENCH_API_ENV'].split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
        )
      : {},
  );
  try {
    const accessToken = await devLogin(api.url);
    const auth = { authorization: `Bearer ${accessToken}` };
    // Warm-up: one small import so module loading / JIT are not billed to the measured run.
    await runImport(api.url, auth, new Blob(['external_id,email\nW1,warm@example.com\n']));
    const baselineMb = api.memory().rssMb;
    try {
      writeFileSync(`/proc/${api.pid}/clear_refs`, '5'); // reset VmHWM: the peak then covers the import only
    } catch {
      log('could not reset VmHWM; the peak includes start-up');
    }
    let sampledPeak = 0;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, api.memory().rssMb)), 100);
    const started = performance.now();
    const { job, uploadSeconds } = await runImport(api.url, auth, await openAsBlob(path));
    const endToEndSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const peakMb = Math.max(sampledPeak, api.memory().peakMb);
    const processingSeconds = (new Date(job.finishedAt).getTime() - new Date(job.startedAt).getTime()) / 1000;
    return { job, processingSeconds, endToEndSeconds, uploadSeconds, baselineMb, peakMb };
  } finally {
    await api.stop();
  }
}

async function runImport(
  url: string,
  auth: Record<string, string>,
  file: Blob,
): Promise<{ job: PipelineResult['job']; uploadSeconds: number }> {
  const form = new FormData();
  form.append('kind', 'customers');
  form.append('file', file, 'customers.csv');
  const t0 = performance.now();
  const res = await fetch(`${url}/api/imports`, { method: 'POST', headers: auth, body: form });
  if (res.status !== 202) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  const uploadSeconds = (performance.now() - t0) / 1000;
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const job = (await (await fetch(`${url}/api/imports/${id}`, { headers: auth })).json()) as PipelineResult['job'];
    if (['completed', 'failed', 'cancelled'].includes(job.status)) return { job, uploadSeconds };
    await new Promise((r) => setTimeout(r, 250));
  }
}

function check(label: string, gen: GeneratedFile, job: PipelineResult['job']): void {
  const expected = {
    status: 'completed',
    rows: gen.rows,
    failed: gen.invalid,
    duplicates: gen.duplicates,
    inserted: gen.rows - gen.invalid - gen.duplicates,
    updated: 0,
  };
  const actual = {
    status: job.status,
    rows: job.rows,
    failed: job.failed,
    duplicates: job.duplicates,
    inserted: job.inserted,
    updated: job.updated,
  };
  const ok = JSON.stringify(expected) === JSON.stringify(actual);
  log(
    `${label} counts ${ok ? 'as expected' : 'MISMATCH'}: ${JSON.stringify(actual)}${ok ? '' : ` expected ${JSON.stringify(expected)}`}`,
  );
  if (!ok) process.exitCode = 1;
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `customers-${ROWS}.csv`);
  const smallFile = join(DIR, `customers-${PGLITE_ROWS}.csv`);
  let t = performance.now();
  const gen = await generateCustomersCsv(file, ROWS);
  const genSmall = await generateCustomersCsv(smallFile, PGLITE_ROWS);
  log(
    `generated ${fmt(gen.rows)} rows (${(gen.bytes / 1e6).toFixed(1)} MB; ${fmt(gen.invalid)} invalid, ${fmt(gen.duplicates)} duplicates) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const nan = { rows: 0, seconds: NaN };
  let floor = nan;
  if (PARTS.has('floor')) {
    await bareFloor(smallFile); // warm-up
    floor = await bareFloor(file);
    log(
      `bare floor (parse + normalize, 1 thread, writing nowhere): ${fmt(floor.rows)} rows in ${floor.seconds.toFixed(2)} s`,
    );
  }
  let copy = nan;
  if (PARTS.has('copy')) {
    copy = await rawCopy(file);
    log(`raw COPY into an unindexed table: ${fmt(copy.rows)} rows in ${copy.seconds.toFixed(2)} s`);
  }
  const pgUrl = PARTS.has('pg') ? await freshDatabase('crm_bench_import') : null;
  const pg = pgUrl ? await throughApi(file, pgUrl) : null;
  if (pg) check('server', gen, pg.job);
  const ceiling = pgUrl ? await databaseCeiling(pgUrl) : nan;
  if (pgUrl)
    log(
      `database ceiling (INSERT … SELECT of the stored rows into the indexed table): ${fmt(ceiling.rows)} rows in ${ceiling.seconds.toFixed(2)} s`,
    );
  const lite = PARTS.has('pglite') ? await throughApi(smallFile, undefined) : null;
  if (lite) check('pglite', genSmall, lite.job);

  const floorRate = floor.rows / floor.seconds;
  const copyRate = copy.rows / copy.seconds;
  console.log('');
  console.log(`import benchmark — ${fmt(ROWS)} customer rows, ${(gen.bytes / 1e6).toFixed(1)} MB`);
  console.log(`  bare floor (parse+normalize, 1 thread)   ${fmt(floorRate).padStart(10)} rows/s`);
  console.log(`  raw COPY (unindexed table)               ${fmt(copyRate).padStart(10)} rows/s`);
  if (pg) {
    const pgRate = pg.job.rows / pg.processingSeconds;
    const pgE2e = pg.job.rows / pg.endToEndSeconds;
    console.log(
      `  our pipeline, PostgreSQL server          ${fmt(pgRate).padStart(10)} rows/s  (job start→finish ${pg.processingSeconds.toFixed(1)} s; upload ${pg.uploadSeconds.toFixed(1)} s; upload→done ${fmt(pgE2e)} rows/s)`,
    );
    console.log(
      `    vs bare floor                          ${((pgRate / floorRate) * 100).toFixed(0).padStart(9)} %   (target ≥ 60 %)`,
    );
    console.log(`    vs raw COPY                            ${((pgRate / copyRate) * 100).toFixed(0).padStart(9)} %`);
    const ceilingRate = ceiling.rows / ceiling.seconds;
    console.log(
      `  database ceiling (indexed customers)     ${fmt(ceilingRate).padStart(10)} rows/s  (one INSERT … SELECT of the stored rows; the pipeline reaches ${((pgRate / ceilingRate) * 100).toFixed(0)} % of it)`,
    );
    console.log(
      `    importer peak RSS                      ${String(pg.peakMb).padStart(7)} MB   (API process; ${pg.baselineMb} MB before the import; target < 300 MB)`,
    );
  }
  if (lite) {
    const liteRate = lite.job.rows / lite.processingSeconds;
    console.log(
      `  our pipeline, PGlite (${fmt(PGLITE_ROWS)} rows)        ${fmt(liteRate).padStart(10)} rows/s  (peak RSS ${lite.peakMb} MB)`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
