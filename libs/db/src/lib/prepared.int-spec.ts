import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import type { DbHandle } from './database';
import { openDatabase } from './open-database';
import { compileQuery, preparedRows } from './prepared';
import { rowsOf } from './rows';

const ADMIN_URL = process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const shape = (n: number) => sql`select ${n}::int + v as n from generate_series(1, 3) v order by v`;

describe('preparedRows', () => {
  const name = `crm_t_prep_${randomBytes(4).toString('hex')}`;
  let server: DbHandle;
  let embedded: DbHandle;

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    // One connection: the statements this test prepares are the ones it then finds on the server.
    server = await openDatabase({ url: url.toString(), poolSize: 1 });
    embedded = await openDatabase({});
  });
  afterAll(async () => {
    server?.pool?.on('error', () => undefined);
    await server?.close();
    await embedded?.close();
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  it('answers the same rows as a plain execute, on both drivers, with each call its own values', async () => {
    for (const h of [server, embedded]) {
      expect(await preparedRows(h, shape(10))).toEqual(rowsOf(await h.db.execute(shape(10))));
      expect((await preparedRows<{ n: number }>(h, shape(20))).map((r) => r.n)).toEqual([21, 22, 23]);
    }
  });

  it('runs a query compiled once with the values of each call (placeholders), on both drivers', async () => {
    const compiled = compileQuery(
      sql`select ${sql.placeholder('base')}::int + v as n, ${sql.placeholder('label')}::text as label
            from (values (1), (2)) as t(v) order by v`,
    );
    for (const h of [server, embedded]) {
      expect(await preparedRows(h, compiled, { base: 10, label: 'a' })).toEqual([
        { n: 11, label: 'a' },
        { n: 12, label: 'a' },
      ]);
      expect(await preparedRows(h, compiled, { base: 20, label: 'b' })).toEqual([
        { n: 21, label: 'b' },
        { n: 22, label: 'b' },
      ]);
      await expect(preparedRows(h, compiled, { base: 1 })).rejects.toThrow(/label/);
    }
  });

  it('prepares each shape once per connection on the server, whatever its values', async () => {
    await preparedRows(server, shape(1));
    await preparedRows(server, shape(2));
    await preparedRows(server, sql`select ${1}::int as n, 'other shape' as s`);
    const statements = rowsOf<{ statement: string }>(
      await server.db.execute(sql`select statement from pg_prepared_statements where name like 'crm_%'`),
    ).map((p) => p.statement);
    expect(statements.filter((s) => s.includes('generate_series'))).toHaveLength(1);
    expect(statements.filter((s) => s.includes('other shape'))).toHaveLength(1);
  });
});
