import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbHandle } from './database';
import { rowsOf } from './rows';

const dialect = new PgDialect();

/**
 * The rows of a read as a named prepared statement on the server driver: each connection parses and
 * plans a statement once instead of on every call (for a hot read that parse-and-plan was the larger part
 * of PostgreSQL's work, bench/api). The name is derived from the SQL text, so every shape of a query is
 * its own statement. Values come back with node-postgres's own parsers (select text where drizzle's
 * column mapping matters). PGlite has no connections to keep statements on: a plain `execute`.
 */
export async function preparedRows<T>(handle: DbHandle, query: SQL): Promise<T[]> {
  if (handle.driver !== 'pg' || !handle.pool) return rowsOf<T>(await handle.db.execute(query));
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = `crm_${createHash('sha1').update(text).digest('base64url')}`;
  return (await handle.pool.query({ name, text, values: params })).rows as T[];
}
