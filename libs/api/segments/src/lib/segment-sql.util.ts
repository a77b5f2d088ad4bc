import { sql, type SQL } from 'drizzle-orm';

/** The columns of a preview sample / audience page, in their DTO shape. */
export const AUDIENCE_COLUMNS = sql.raw(
  `id, first_name as "firstName", last_name as "lastName", email, phone, city, ` +
    `total_spend::text as "totalSpend", order_count as "orderCount", ` +
    `to_char(last_order_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastOrderAt"`,
);

/** Columns of the CSV export, in header order. */
export const EXPORT_HEADERS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'city',
  'country',
  'tags',
  'total_spend',
  'order_count',
  'visit_count',
  'last_order_at',
  'last_active_at',
  'email_status',
  'sms_status',
] as const;

export const EXPORT_COLUMNS = sql.raw(
  `id, first_name, last_name, email, phone, city, country, array_to_string(tags, ';') as tags, ` +
    `total_spend::text as total_spend, order_count, visit_count, ` +
    `to_char(last_order_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_order_at, ` +
    `to_char(last_active_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_active_at, ` +
    `email_status, sms_status`,
);

/** Below this many (estimated) rows `total` is counted exactly; above, the planner's estimate answers. */
export const EXACT_TOTAL_BELOW = 100_000;

/**
 * The preview statement: count, total and a sample in one round trip. `total` is exact while the
 * table is small and the planner's estimate (pg_class.reltuples) from EXACT_TOTAL_BELOW rows on: the
 * exact count sits in a CASE branch, an InitPlan Postgres only runs when that branch is taken.
 * Scalar subqueries rather than `count(*) over ()`: the window variant spools every matching row
 * before the LIMIT applies and measured slower (bench/segments).
 */
export function previewStatement(predicate: SQL, sampleSize: number): SQL {
  return sql`
    select
      (select count(*) from customers where ${predicate})::int as "count",
      (case when c.reltuples >= ${EXACT_TOTAL_BELOW} then c.reltuples::bigint else (select count(*) from customers) end)::int as "total",
      (c.reltuples >= ${EXACT_TOTAL_BELOW}) as "totalEstimated",
      (select json_agg(s) from (select ${AUDIENCE_COLUMNS} from customers where ${predicate} order by id limit ${sampleSize}) s) as "sample"
    from pg_class c
    where c.oid = 'customers'::regclass`;
}
