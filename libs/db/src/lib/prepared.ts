import { createHash } from 'node:crypto';
import { fillPlaceholders, is, SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbHandle } from './database';

const dialect = new PgDialect();

/**
 * A query compiled once: its SQL text, its parameters (values, or `sql.placeholder(name)` filled per
 * call) and the statement name derived from the text.
 */
export interface CompiledQuery {
  readonly text: string;
  readonly params: readonly unknown[];
  readonly name: string;
}

export function compileQuery(query: SQL): CompiledQuery {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { text, params, name: `crm_${createHash('sha1').update(text).digest('base64url')}` };
}

/**
 * The rows of a read as a named prepared statement on the server driver: each connection parses and
 * plans a statement once instead of on every call (for a hot read that parse-and-plan was the larger part
 * of PostgreSQL's work, bench/api). The name is derived from the SQL text, so every shape of a query is
 * its own statement. A hot caller compiles each shape once (`compileQuery` with placeholders) and passes
 * the values per call, so drizzle does not rebuild the same SQL on every request. Values come back with
 * node-postgres's own parsers (select text where drizzle's column mapping matters). PGlite has no
 * connections to keep statements on: a plain parameterized query.
 */
export async function preparedRows<T>(
  handle: DbHandle,
  query: SQL | CompiledQuery,
  values: Record<string, unknown> = {},
): Promise<T[]> {
  const compiled = is(query, SQL) ? compileQuery(query) : query;
  const params = fillPlaceholders(compiled.params as unknown[], values);
  if (handle.driver === 'pg' && handle.pool)
    return (await handle.pool.query({ name: compiled.name, text: compiled.text, values: params })).rows as T[];
  if (!handle.pglite) throw new Error(`preparedRows: no client on the ${handle.driver} handle`);
  return (await handle.pglite.query<T>(compiled.text, params)).rows;
}
