// Jest global setup: the integration suites need a PostgreSQL server at TEST_PG_ADMIN_URL (README's
// default: the machine's 127.0.0.1:5432). When nothing answers there, start an embedded one for this run
// and hand its URL to the workers (they inherit process.env); global teardown stops it. CI, whose
// server answers, never starts one. Not needed when TEST_DB_DRIVERS leaves the server driver out.
import { DEFAULT_TEST_PG_ADMIN_URL, pgAnswers, startEmbeddedPostgres } from '../test/embedded-postgres.mjs';

export default async function pgFallbackSetup() {
  const only = process.env.TEST_DB_DRIVERS;
  if (only && !only.split(',').includes('pg')) return;
  const url = process.env.TEST_PG_ADMIN_URL || DEFAULT_TEST_PG_ADMIN_URL;
  if (await pgAnswers(url)) return;
  const started = Date.now();
  const server = await startEmbeddedPostgres();
  globalThis.__crmEmbeddedPostgres = server;
  process.env.TEST_PG_ADMIN_URL = server.adminUrl;
  console.log(
    `\nNo PostgreSQL answered at ${url.replace(/:[^:@/]*@/, ':***@')}: started an embedded one on 127.0.0.1:${server.port} ` +
      `for this run (${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
}
