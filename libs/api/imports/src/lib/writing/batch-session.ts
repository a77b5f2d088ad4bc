import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { manualTransaction, schema, withTransaction, type DbHandle, type DbOrTx } from '@mini-crm/db';

/** One batch's transaction: the drizzle database bound to it and, on the server driver, COPY. */
export interface BatchTx {
  db: DbOrTx;
  /** `COPY <target> FROM STDIN` with `data` in COPY text format; null on PGlite. */
  copy: ((target: string, data: string | Uint8Array) => Promise<void>) | null;
}

/**
 * A connection held for the length of an import, running one transaction per batch. On the server
 * driver it is a dedicated pool client (COPY and the temp staging tables need one session); on
 * PGlite it is the single embedded connection.
 */
export interface BatchSession {
  transaction<T>(fn: (tx: BatchTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openBatchSession(handle: DbHandle): Promise<BatchSession> {
  if (handle.driver !== 'pg' || !handle.pool) {
    return {
      transaction: (fn) => withTransaction(handle.db, (tx) => fn({ db: tx, copy: null })),
      close: async () => undefined,
    };
  }
  const client = await handle.pool.connect();
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const db = drizzle(client, { schema });
  const copy = async (target: string, data: string | Uint8Array) => {
    await pipeline(Readable.from([data]), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
  };
  let broken = false;
  return {
    async transaction(fn) {
      await client.query('begin');
      const after = manualTransaction(db);
      try {
        const out = await fn({ db, copy });
        await client.query('commit');
        await after.committed();
        return out;
      } catch (err) {
        after.rolledBack();
        await client.query('rollback').catch(() => (broken = true));
        throw err;
      }
    },
    async close() {
      (client as PoolClient).release(broken ? true : undefined);
    },
  };
}

/** Creates the session's temp staging tables (rows vanish at each commit). Server driver only. */
export async function createStagingTables(tx: BatchTx): Promise<void> {
  await tx.db.execute(
    sql.raw(`
    create temp table if not exists import_stage_customers (
      id uuid, external_id text, email text, phone text, first_name text, last_name text, city text, country text,
      tags text[], attributes jsonb, email_status text, sms_status text
    ) on commit delete rows`),
  );
  await tx.db.execute(
    sql.raw(`
    create temp table if not exists import_stage_orders (
      customer_id uuid, external_id text, amount numeric, currency text, status text, items jsonb, ordered_at timestamptz
    ) on commit delete rows`),
  );
}
