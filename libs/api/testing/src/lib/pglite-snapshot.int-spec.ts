import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { resolveMigrationsDir, rowsOf } from '@mini-crm/db';
import { createTestDatabase, type TestDatabase } from './test-database';

const customerCount = async (db: TestDatabase) =>
  rowsOf<{ n: number }>(await db.handle.db.execute(sql`select count(*)::int as n from customers`))[0].n;

describe('PGlite test databases from the migrated snapshot', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    a = await createTestDatabase('pglite');
    b = await createTestDatabase('pglite');
  }, 120_000);
  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it('has every migration of the journal applied, and no rows', async () => {
    const journal = JSON.parse(readFileSync(join(resolveMigrationsDir(), 'meta', '_journal.json'), 'utf8')) as {
      entries: { when: number }[];
    };
    const applied = rowsOf<{ created_at: string }>(
      await a.handle.db.execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at`),
    );
    expect(applied.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
    expect(await customerCount(a)).toBe(0);
  });

  it('gives each database its own data', async () => {
    await a.handle.db.execute(sql`insert into customers (first_name, email) values ('Only in A', 'a@example.com')`);
    expect(await customerCount(a)).toBe(1);
    expect(await customerCount(b)).toBe(0);
  });
});
