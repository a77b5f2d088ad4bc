import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { createTestDatabase } from './test-database';

const root = join(__dirname, '..', '..', '..', '..', '..');
const script = join(root, 'tools', 'test', 'embedded-postgres.mjs');
const setup = join(root, 'tools', 'jest', 'pg-fallback.global-setup.mjs');
const teardown = join(root, 'tools', 'jest', 'pg-fallback.global-teardown.mjs');

/** The first line a child prints (its stderr goes to the test's). */
async function firstLine(child: ChildProcess): Promise<string> {
  if (!child.stdout) throw new Error('the child has no stdout pipe');
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`exited with ${code} before printing`);
  });
  const line = (async () => {
    for await (const l of lines) if (l.trim()) return l;
    throw new Error('no output');
  })();
  return Promise.race([line, exited]);
}

async function canConnect(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * The fallback of a machine without a PostgreSQL server: tools/test/embedded-postgres.mjs (the
 * helper jest's global setup uses) starts one from the embedded-postgres package, a test database is
 * created and migrated on it, and stopping it removes it; the global setup starts one only when
 * nothing answers at TEST_PG_ADMIN_URL.
 */
describe('embedded PostgreSQL fallback for tests', () => {
  let server: ChildProcess | undefined;
  let adminUrl: string;

  beforeAll(async () => {
    server = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    adminUrl = JSON.parse(await firstLine(server)).adminUrl;
  }, 120_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }, 60_000);

  it('creates and migrates a test database on it, and the server is gone once stopped', async () => {
    expect(adminUrl).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    const db = await createTestDatabase('pg', adminUrl);
    try {
      expect(db.url?.startsWith(adminUrl.replace(/\/postgres$/, '/crm_t_'))).toBe(true);
      const version = rowsOf<{ v: string }>(await db.handle.db.execute(sql`select version() as v`))[0].v;
      expect(version).toMatch(/^PostgreSQL 17\./); // the embedded binaries, not the machine's server
      const tables = rowsOf<{ n: number }>(
        await db.handle.db.execute(
          sql`select count(*)::int as n from information_schema.tables where table_name in ('customers', 'import_jobs', 'message_events')`,
        ),
      )[0].n;
      expect(tables).toBe(3);
    } finally {
      await db.drop();
    }
    const child = server as ChildProcess;
    child.stdin?.end(); // the script stops its server and exits when its parent's pipe closes
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(await canConnect(adminUrl)).toBe(false);
  }, 120_000);

  it('global setup keeps an answering server and starts one only when nothing answers', async () => {
    // A port nothing listens on: the setup falls back, hands the workers the new URL, teardown stops it.
    const run = (url: string) =>
      new Promise<string>((resolve, reject) => {
        const code = `const s=(await import(${JSON.stringify(setup)})).default, t=(await import(${JSON.stringify(teardown)})).default;
          await s(); const u=process.env.TEST_PG_ADMIN_URL;
          const pg=(await import('pg')).default; const c=new pg.Client({connectionString:u}); await c.connect();
          const v=(await c.query('select version() as v')).rows[0].v; await c.end(); await t();
          console.log(JSON.stringify({url:u, version:v}));`;
        const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
          cwd: root,
          env: { ...process.env, TEST_PG_ADMIN_URL: url, TEST_DB_DRIVERS: 'pglite,pg' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('exit', (c) =>
          c === 0 ? resolve(out.trim().split('\n').pop() as string) : reject(new Error(`exit ${c}`)),
        );
      });
    const nothing = 'postgres://postgres@127.0.0.1:9/test';
    const fell = JSON.parse(await run(nothing));
    expect(fell.url).not.toBe(nothing);
    expect(fell.url).toMatch(/@127\.0\.0\.1:\d+\/postgres$/);
    expect(fell.version).toMatch(/^PostgreSQL 17\./);
    expect(await canConnect(fell.url)).toBe(false); // teardown stopped it

    const live = process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
    expect(JSON.parse(await run(live)).url).toBe(live);
  }, 180_000);
});
