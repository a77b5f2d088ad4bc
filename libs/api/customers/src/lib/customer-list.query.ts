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

/** `toISOString()`'s format (UTC, milliseconds, `Z`) for a timestamptz, null stays null. */
const isoText = (column: string) => `to_char(customers.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A customer row as the API answers it: the same fields, order and formats as `toCustomerDto`. */
export const CUSTOMER_DTO_JSON = sql.raw(`json_build_object(
  'id', customers.id, 'externalId', customers.external_id, 'email', customers.email, 'phone', customers.phone,
  'firstName', customers.first_name, 'lastName', customers.last_name, 'city', customers.city,
  'country', customers.country, 'tags', customers.tags, 'attributes', customers.attributes,
  'totalSpend', customers.total_spend::float8, 'orderCount', customers.order_count,
  'visitCount', customers.visit_count, 'firstOrderAt', ${isoText('first_order_at')},
  'lastOrderAt', ${isoText('last_order_at')}, 'lastActiveAt', ${isoText('last_active_at')},
  'emailStatus', customers.email_status, 'smsStatus', customers.sms_status,
  'createdAt', ${isoText('created_at')}, 'updatedAt', ${isoText('updated_at')})`);

/** A customer's model scores as `toOutlookDto` answers them (null when unscored), for `include=outlook`. */
export const CUSTOMER_OUTLOOK_JSON = sql.raw(`case when customers.scored_at is null or customers.rfm_score is null
  then null else json_build_object(
  'rfmScore', customers.rfm_score, 'rfmSegment', customers.rfm_segment,
  'recencyScore', customers.recency_score, 'frequencyScore', customers.frequency_score,
  'monetaryScore', customers.monetary_score, 'churnRisk', customers.churn_risk, 'pAlive', customers.p_alive,
  'expectedOrders30d', customers.expected_orders_30d, 'expectedOrders90d', customers.expected_orders_90d,
  'predictedClv', customers.predicted_clv::float8, 'avgOrderValue', customers.avg_order_value::float8,
  'scoredAt', ${isoText('scored_at')}) end`);
