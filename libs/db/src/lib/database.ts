import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type DbSchema = typeof schema;
/** The one database type every repository uses, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, DbSchema>;
export type DbDriver = 'pglite' | 'pg';

export interface DbHandle {
  db: Database;
  driver: DbDriver;
  /** node-postgres pool when driver is 'pg' (bulk COPY needs a raw client). */
  pool?: import('pg').Pool;
  /** The embedded PGlite client when driver is 'pglite' (parameterized text queries). */
  pglite?: import('@electric-sql/pglite').PGlite;
  close(): Promise<void>;
}

export { schema };
