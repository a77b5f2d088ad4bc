/**
 * Time of one `POST /api/customers/batch` of 1,000 customers through the production bundle, on the
 * PostgreSQL server and on PGlite: new customers, the same customers changed (updates) and sent again
 * unchanged. Prints the median and the spread of `ROUNDS` requests of each kind.
 * Run: `npm run bench:batch` (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { startApiProcess } from '../shared/api-process';
import { devLogin } from '../shared/dev-login';
import { freshDatabase } from '../shared/fresh-database';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SIZE = 1000;
const log = (m: string) => console.log(m);

function records(round: number, city: string) {
  return Array.from({ length: SIZE }, (_, i) => ({
    externalId: `bench-${round}-${i}`,
    email: `bench.${round}.${i}@example.com`,
    phone: `+9198${String(round).padStart(2, '0')}${String(i).padStart(6, '0')}`,
    firstName: 'Asha',
    lastName: `Rao ${i}`,
    city,
    country: 'IN',
    tags: ['bench', i % 2 ? 'odd' : 'even'],
    attributes: { tier: i % 3 ? 'silver' : 'gold' },
  }));
}

async function post(url: string, token: string, body: unknown): Promise<{ ms: number; counts: string }> {
  const started = performance.now();
  const res = await fetch(`${url}/api/customers/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const out = (await res.json()) as Record<string, number>;
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`batch: ${res.status} ${JSON.stringify(out)}`);
  return { ms, counts: `created ${out['created']}, updated ${out['updated']}, unchanged ${out['unchanged']}` };
}

function summary(label: string, runs: Array<{ ms: number; counts: string }>): void {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  log(
    `  ${label.padEnd(10)} median ${median.toFixed(0)} ms (${(SIZE / (median / 1000)).toFixed(0)} records/s), ` +
      `min ${ms[0].toFixed(0)}, max ${ms[ms.length - 1].toFixed(0)} — ${runs[0].counts}`,
  );
}

async function measure(name: string, databaseUrl: string | undefined): Promise<void> {
  const api = await startApiProcess(`batch-${name}`, databaseUrl, () => undefined);
  try {
    const token = await devLogin(api.url);
    await post(api.url, token, { records: records(99, 'Pune') }); // warm-up
    const created = [];
    const updated = [];
    const unchanged = [];
    for (let r = 0; r < ROUNDS; r++) created.push(await post(api.url, token, { records: records(r, 'Pune') }));
    for (let r = 0; r < ROUNDS; r++) updated.push(await post(api.url, token, { records: records(r, 'Mumbai') }));
    for (let r = 0; r < ROUNDS; r++) unchanged.push(await post(api.url, token, { records: records(r, 'Mumbai') }));
    log(`${name}: 1,000-customer batch, ${ROUNDS} rounds, HTTP round trip`);
    summary('new', created);
    summary('updates', updated);
    summary('unchanged', unchanged);
  } finally {
    await api.stop();
  }
}

async function main(): Promise<void> {
  const adminUrl = process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  await measure('server', await freshDatabase(adminUrl, 'crm_bench_batch'));
  await measure('pglite', undefined);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
