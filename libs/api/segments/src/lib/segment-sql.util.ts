import { sql, type SQL } from 'drizzle-orm';

/** A timestamptz as an ISO-8601 UTC string, identical on both drivers (node-postgres returns raw text, PGlite a Date). */
export function isoText(expr: SQL): SQL {
  return sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

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
