import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DbDriver, openDatabase, rowsOf } from '@mini-crm/db';
import { createTestDatabase, requester, testDrivers, type TestDatabase } from '@mini-crm/api/testing';
import { startBuiltServer, type BuiltServer } from '@mini-crm/testing/e2e';
import { upload, waitForImport, type ImportJobView } from './testing/import-api.fixture';

/** Rows per file: enough 500-row batches that a SIGTERM lands mid-import (PGlite writes about a fifth as fast). */
const ROWS_BY_DRIVER: Record<DbDriver, number> = { pg: 40_000, pglite: 20_000 };
/** The bound after which graceful shutdown interrupts what runs, then closing may take this long (CLOSE_GRACE_MS). */
const CLOSE_GRACE_MS = 10_000;

function customersCsv(tag: string, rows: number): string {
  const lines = ['Customer ID,First Name,E-mail'];
  for (let i = 0; i < rows; i++) lines.push(`${tag}${i},Name${i},${tag}${i}@example.com`);
  return lines.join('\n') + '\n';
}

/**
 * SIGTERM to the API bundle (`npm start`'s process; it consumes the import queue itself) while it
 * imports a file, then a restart on the same database: the import either finished inside
 * SHUTDOWN_TIMEOUT_MS, or past it stopped after a committed batch and says so; either way its counts
 * are exactly the rows that landed (none lost, none doubled) and the process exited 0.
 */
describe.each(testDrivers())('API stopped with SIGTERM mid-import (%s)', (driver: DbDriver) => {
  const prefix = `crm-shutdown-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-shutdown-'));
  const ROWS = ROWS_BY_DRIVER[driver];
  let db: TestDatabase | undefined;
  let api: BuiltServer | undefined;

  beforeAll(async () => {
    if (driver === 'pg') db = await createTestDatabase('pg');
  }, 60_000);
  afterAll(async () => {
    await api?.kill('SIGKILL');
    await db?.drop();
  }, 60_000);

  /** The API bundle on this suite's database (PGlite: the same DATA_DIR every time) and Redis prefix. */
  async function start(env: Record<string, string> = {}) {
    api = await startBuiltServer({
      DATA_DIR: dataDir,
      REDIS_PREFIX: prefix,
      IMPORT_BATCH_SIZE: '500',
      ...(db ? { DATABASE_URL: db.url as string } : {}),
      ...env,
    });
    const request = requester(api.url);
    const login = await request('POST', '/api/auth/dev-login', { body: { email: 'admin@example.com' } });
    expect(login.status).toBe(200);
    return { t: { request }, token: login.body.accessToken as string, server: api };
  }

  /** Uploads a file and answers once the import is running with at least two batches committed. */
  async function importUnderWay(t: { request: ReturnType<typeof requester> }, token: string, tag: string) {
    const res = await upload(t, token, customersCsv(tag, ROWS), { kind: 'customers' });
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    for (;;) {
      const job = (await t.request('GET', `/api/imports/${id}`, { token })).body as ImportJobView;
      expect(job.status).not.toMatch(/completed|failed|cancelled/); // still under way when the signal comes
      if (job.status === 'running' && job.rows >= 1000) return id;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** SIGTERM; answers how long the exit took, after checking it was exit code 0. */
  async function terminate(server: BuiltServer): Promise<number> {
    const signalled = Date.now();
    await server.kill('SIGTERM');
    const took = Date.now() - signalled;
    expect({ code: server.child.exitCode, signal: server.child.signalCode }).toEqual({ code: 0, signal: null });
    return took;
  }

  /** Customers whose email starts with `tag`, read from the database itself (PGlite: once no process holds it). */
  async function landed(tag: string): Promise<number> {
    const handle = db ? db.handle : await openDatabase({ dataDir: join(dataDir, 'pg') });
    try {
      const [row] = rowsOf<{ n: number }>(
        await handle.db.execute(sql`select count(*)::int as n from customers where email like ${`${tag}%`}`),
      );
      return row.n;
    } finally {
      if (!db) await handle.close();
    }
  }

  it('finishes a running import inside SHUTDOWN_TIMEOUT_MS; past it, stops after a committed batch; counts exact after a restart', async () => {
    // 1. A generous bound: the import runs to its end before the process exits.
    const first = await start({ SHUTDOWN_TIMEOUT_MS: '120000' });
    const whole = await importUnderWay(first.t, first.token, 'whole');
    expect(await terminate(first.server)).toBeLessThan(120_000);
    expect(first.server.output()).not.toMatch(/interrupting what runs/);

    // 2. A bound far shorter than the import: it stops after its current batch, exit 0 all the same.
    const second = await start({ SHUTDOWN_TIMEOUT_MS: '200' });
    const cut = await importUnderWay(second.t, second.token, 'cut');
    expect(await terminate(second.server)).toBeLessThan(200 + CLOSE_GRACE_MS);
    expect(second.server.output()).toMatch(/interrupting what runs/);

    // 3. Restarted: neither import runs again; each one's counts are what the database holds.
    const third = await start();
    const read = (id: string) => waitForImport(third.t, third.token, id, 10_000);
    const done = await read(whole);
    expect(done).toMatchObject({ status: 'completed', rows: ROWS, inserted: ROWS, duplicates: 0, failed: 0 });
    const stopped = await read(cut);
    expect(stopped.status).toBe('failed');
    expect(stopped.message).toMatch(/shut down during the import/);
    expect(stopped.rows).toBeGreaterThanOrEqual(1000);
    expect(stopped.rows).toBeLessThan(ROWS);
    expect(stopped.rows % 500).toBe(0); // whole batches only
    expect(stopped).toMatchObject({ inserted: stopped.rows, duplicates: 0, failed: 0 });
    await terminate(third.server);
    api = undefined;
    expect(await landed('whole')).toBe(ROWS);
    expect(await landed('cut')).toBe(stopped.rows);
  }, 400_000);
});
