import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { Database, DbSchema } from './database';

/** A transaction on either driver: what `db.transaction(fn)` hands `fn`. */
export type Tx = PgTransaction<PgQueryResultHKT, DbSchema, ExtractTablesWithRelations<DbSchema>>;

/** What repository methods take when they may run inside a caller's transaction. */
export type DbOrTx = Database | Tx;

type AfterCommit = () => Promise<unknown> | void;

/** Work waiting for the transaction a handle runs in to commit (see `afterCommit`). */
const waiting = new WeakMap<object, AfterCommit[]>();

/**
 * Runs `fn` in a transaction (a savepoint when `db` already is one); commits when it resolves, rolls back
 * when it throws. Work registered with `afterCommit` inside runs once the outermost transaction has
 * committed, before this resolves; a savepoint hands its work to the enclosing transaction.
 */
export async function withTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const own: AfterCommit[] = [];
  const result = await db.transaction((tx) => {
    waiting.set(tx, own);
    return fn(tx);
  });
  const enclosing = waiting.get(db);
  if (enclosing) enclosing.push(...own);
  else await runAll(own);
  return result;
}

/**
 * Runs `work` once the transaction `db` belongs to has committed (at once when `db` is not in one), so
 * that nothing outside the database (events, caches) hears of a change that is rolled back. Rolled-back
 * work never runs. `work` should handle its own failures: one that throws is reported as a warning and
 * does not fail the committed caller.
 */
export async function afterCommit(db: DbOrTx | object, work: AfterCommit): Promise<void> {
  const list = waiting.get(db);
  if (list) list.push(work);
  else await runAll([work]);
}

/**
 * For a transaction opened by hand (BEGIN … COMMIT on a dedicated session whose drizzle handle is
 * `db`): `afterCommit` work on `db` waits for `committed()`; `rolledBack()` drops it.
 */
export function manualTransaction(db: object): { committed(): Promise<void>; rolledBack(): void } {
  const own: AfterCommit[] = [];
  waiting.set(db, own);
  return {
    committed: () => {
      waiting.delete(db);
      return runAll(own);
    },
    rolledBack: () => void waiting.delete(db),
  };
}

async function runAll(work: AfterCommit[]): Promise<void> {
  for (const w of work) {
    try {
      await w();
    } catch (e) {
      process.emitWarning(`work after a commit failed: ${(e as Error).message}`);
    }
  }
}
