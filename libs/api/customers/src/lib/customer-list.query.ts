import { sql, type SQL } from 'drizzle-orm';
import type { CustomerSort } from '@mini-crm/contracts';

/**
 * Keyset sort keys per sort: SQL expressions (never null, so row comparison is exact) plus the
 * Postgres type each cursor value is cast back to. Keys travel as text so timestamps keep their
 * microseconds and numerics their scale.
 */
export interface SortSpec {
  keys: SQL[];
  casts: string[];
}

export const CUSTOMER_SORT_SPECS: Record<CustomerSort, SortSpec> = {
  created: { keys: [sql`customers.created_at`], casts: ['timestamptz'] },
  name: {
    keys: [sql`lower(coalesce(customers.last_name, ''))`, sql`lower(coalesce(customers.first_name, ''))`],
    casts: ['text', 'text'],
  },
  totalSpend: { keys: [sql`customers.total_spend`], casts: ['numeric'] },
  lastOrder: { keys: [sql`coalesce(customers.last_order_at, '-infinity'::timestamptz)`], casts: ['timestamptz'] },
  updated: { keys: [sql`customers.updated_at`], casts: ['timestamptz'] },
};

/** `(k1, …, id) > ($1, …, $n)` (or `<` when descending). */
export function keysetPredicate(spec: SortSpec, idColumn: SQL, values: unknown[], desc: boolean): SQL {
  const left = sql.join([...spec.keys, idColumn], sql`, `);
  const right = sql.join(
    values.map((v, i) => sql`${String(v)}::${sql.raw(i < spec.casts.length ? spec.casts[i] : 'uuid')}`),
    sql`, `,
  );
  return desc ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

export function keysetOrder(spec: SortSpec, idColumn: SQL, desc: boolean): SQL {
  const dir = sql.raw(desc ? 'desc' : 'asc');
  return sql.join(
    [...spec.keys, idColumn].map((k) => sql`${k} ${dir}`),
    sql`, `,
  );
}

/** Escapes LIKE wildcards in user text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
