/** `db.execute()` answers `{ rows }` on both drivers; its static type is unknown. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
