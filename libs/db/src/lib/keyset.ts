import { and, eq, gt, lt, or, type Column, type SQL } from 'drizzle-orm';

/**
 * Keyset paging: the rows past the last one seen, `(value, id)`, in `(column, idColumn)` order —
 * after it when the listing ascends, before it when it descends.
 */
export function keysetPast<V>(
  order: 'asc' | 'desc',
  [column, idColumn]: readonly [Column, Column],
  [value, id]: readonly [V, string],
): SQL {
  const past = order === 'asc' ? gt : lt;
  return or(past(column, value), and(eq(column, value), past(idColumn, id))) as SQL;
}
