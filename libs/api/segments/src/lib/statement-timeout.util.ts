import { sql } from 'drizzle-orm';
import { withTransaction, type DbOrTx, type Tx } from '@mini-crm/db';

/**
 * Runs `fn` in a transaction whose statements are cancelled after `timeoutMs` (SET LOCAL, so the
 * pooled connection goes back unchanged). JIT is off there too: segment statements run for tens to
 * hundreds of milliseconds, where compiling their expressions (~100 ms) costs more than it saves. A cancelled statement raises PG error 57014, which the
 * global exception filter answers as 504. PGlite accepts the setting but, being single-threaded
 * WASM without timer signals, does not enforce it.
 */
export function withStatementTimeout<T>(db: DbOrTx, timeoutMs: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const ms = Math.max(1, Math.floor(timeoutMs));
  return withTransaction(db, async (tx) => {
    await tx.execute(sql`select set_config('statement_timeout', ${String(ms)}, true), set_config('jit', 'off', true)`);
    return fn(tx);
  });
}
