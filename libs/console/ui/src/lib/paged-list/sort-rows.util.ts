/** What `matSortChange` emits (kept structural so this file has no Angular import). */
export interface RowSort {
  active: string;
  direction: 'asc' | 'desc' | '';
}

export type SortValue = string | number | null | undefined;

/**
 * Loaded rows in the order a `mat-sort` header asks for; `accessors` name each sortable column's value.
 * Empty values (null, undefined, NaN) go last in both directions; ties keep their order.
 */
export function sortRows<T>(
  rows: readonly T[],
  sort: RowSort,
  accessors: Readonly<Record<string, (row: T) => SortValue>>,
): T[] {
  const get = accessors[sort.active];
  if (!get || !sort.direction) return [...rows];
  const dir = sort.direction === 'asc' ? 1 : -1;
  const empty = (v: SortValue) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
  return rows
    .map((row, i) => ({ row, i, v: get(row) }))
    .sort((a, b) => {
      if (empty(a.v) || empty(b.v)) return empty(a.v) === empty(b.v) ? a.i - b.i : empty(a.v) ? 1 : -1;
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v), undefined, { sensitivity: 'base', numeric: true });
      return c === 0 ? a.i - b.i : c * dir;
    })
    .map((x) => x.row);
}
