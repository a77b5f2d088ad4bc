import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DbDriver, DbHandle, migrateDatabase, openDatabase } from '@mini-crm/db';
import { migratedPgliteSnapshot } from './pglite-snapshot';

/** The server every suite uses for its own throwaway database (trust auth on loopback here and on CI). */
export const TEST_PG_ADMIN_URL = process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Both drivers unless TEST_DB_DRIVERS narrows it (e.g. `pglite`). */
export function testDrivers(): DbDriver[] {
  const only = process.env['TEST_DB_DRIVERS'];
  const all: DbDriver[] = ['pglite', 'pg'];
  return only ? all.filter((d) => only.split(',').includes(d)) : all;
}

export interface TestDatabase {
  handle: DbHandle;
  driver: DbDriver;
  /** Connection URL for the server driver (a fresh database), undefined for PGlite. */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: an in-memory PGlite (loaded from one migrated snapshot, see
 * `migratedPgliteSnapshot`), or a new database on the server at `adminUrl`,
 * dropped afterwards. When no server answers at TEST_PG_ADMIN_URL, jest's global setup started an
 * embedded one and set TEST_PG_ADMIN_URL to it (tools/jest/pg-fallback.global-setup.mjs).
 * `migrationsFolder`: another set of migrations (a migration's test starts from the ones before it).
 */
export async function createTestDatabase(
  driver: DbDriver,
  adminUrl = TEST_PG_ADMIN_URL,
  migrationsFolder?: string,
): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const handle = await openDatabase(migrationsFolder ? {} : { loadDataDir: await migratedPgliteSnapshot() });
    if (migrationsFolder) await migrateDatabase(handle, migrationsFolder);
    return { handle, driver, drop: () => handle.close() };
  }
  const name = `crm_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 5 });
  await migrateDatabase(handle, migrationsFolder);
  return {
    handle,
    driver,
    url: url.toString(),
    drop: async () => {
      // pool.end() resolves before its connections have closed; the forced drop below may terminate
      // them first, which the pool would report as an unhandled error failing the whole suite.
      handle.pool?.on('error', () => undefined);
      await handle.close();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
