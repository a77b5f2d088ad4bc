import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { Database, DbSchema } from './database';

/** A transaction on either driver: what `db.transaction(fn)` hands `fn`. */
export type Tx = PgTransaction<PgQueryResultHKT, DbSchema, ExtractTablesWithRelations<DbSchema>>;

/** What repository methods take when they may run inside a caller's transaction. */
export type DbOrTx = Database | Tx;

/** Runs `fn` in a transaction (a savepoint when `db` already is one); commits when it resolves, rolls back when it throws. */
export function withTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
