import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { customers, resolveMigrationsDir, rowsOf } from '@mini-crm/db';
import { CITY_ALIASES, normalizeCity, normalizePersonName } from '@mini-crm/customer-data';
import { createTestDatabase, testDrivers, type TestDatabase } from '@mini-crm/api/testing';

const MIGRATION = readFileSync(join(resolveMigrationsDir(), '0006_display_values.sql'), 'utf8');

/** Migration 0006 fixes rows imported before the import standardized display values, by the import's own rules. */
describe.each(testDrivers())('display values of existing customers (%s)', (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('holds the same aliases as the import', () => {
    const pairs = Object.fromEntries([...MIGRATION.matchAll(/\('([^']+)', '([^']+)'\)/g)].map((m) => [m[1], m[2]]));
    expect(pairs).toEqual(CITY_ALIASES);
  });

  it('recases one-case ASCII values and resolves aliases exactly as the import would, leaving the rest', async () => {
    const messy: [string, string, string][] = [
      ['PUNE', 'ASHA', 'RAO'],
      ['pune', 'mary-ann', "o'neil"],
      ['Pune', 'McDonald', 'deShawn'],
      ['BOMBAY', 'ravi', 'IYENGAR JR.'],
      ['bangalore', 'Ravi', 'Kumar'],
      ['new delhi', '3rd', 'x'],
      ['ZOË', 'ÅSA', 'ÉCLAIR'],
    ];
    await db.handle.db
      .insert(customers)
      .values(
        messy.map(([city, firstName, lastName], i) => ({ email: `m${i}@example.com`, city, firstName, lastName })),
      );
    for (const statement of MIGRATION.split('--> statement-breakpoint')) await db.handle.db.execute(sql.raw(statement));
    const rows = rowsOf<{ email: string; city: string; first_name: string; last_name: string }>(
      await db.handle.db.execute(sql`select email, city, first_name, last_name from customers order by email`),
    );
    const ascii = (s: string) => /^[ -~]*$/.test(s);
    rows.forEach((row, i) => {
      const [city, first, last] = messy[i];
      // Non-ASCII one-case values are the only ones the migration leaves to a re-import.
      expect(row).toEqual({
        email: `m${i}@example.com`,
        city: ascii(city) ? normalizeCity(city) : city,
        first_name: ascii(first) ? normalizePersonName(first) : first,
        last_name: ascii(last) ? normalizePersonName(last) : last,
      });
    });
    expect(rows.map((r) => r.city)).toEqual(['Pune', 'Pune', 'Pune', 'Mumbai', 'Bengaluru', 'New Delhi', 'ZOË']);
    expect(rows[1]).toMatchObject({ first_name: 'Mary-Ann', last_name: "O'Neil" });
    expect(rows[2]).toMatchObject({ first_name: 'McDonald', last_name: 'deShawn' });
  });
});
