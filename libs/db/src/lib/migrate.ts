import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DbHandle } from './database';

/** Finds the SQL migrations: next to the bundle in dist, or in the source tree. */
export function resolveMigrationsDir(): string {
  const candidates = [
    process.env['MIGRATIONS_DIR'],
    join(__dirname, 'migrations'),
    resolve(__dirname, '../../migrations'),
    resolve(process.cwd(), 'libs/db/migrations'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(join(p, 'meta', '_journal.json')));
  if (!found) throw new Error(`database migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Applies pending migrations; already-applied ones are skipped, so this is safe at every start. */
export async function migrateDatabase(handle: DbHandle, migrationsFolder = resolveMigrationsDir()): Promise<void> {
  if (handle.driver === 'pg') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  }
}
