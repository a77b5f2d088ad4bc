/** Typed rows of a `db.execute()` result: both drivers answer `{ rows }`, drizzle types it per driver. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Affected rows of a `db.execute()` result: `rowCount` (node-postgres) or `affectedRows` (PGlite). */
export function affectedOf(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
