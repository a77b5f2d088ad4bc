import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
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

/** `(k1, …, id) > ($1, …, $n)` (or `<` when descending), the cursor's values as text (or placeholders for them). */
export function keysetPredicate(spec: SortSpec, idColumn: SQL, values: readonly SQLWrapper[], desc: boolean): SQL {
  const left = sql.join([...spec.keys, idColumn], sql`, `);
  const right = sql.join(
    values.map((v, i) => sql`${v}::${sql.raw(i < spec.casts.length ? spec.casts[i] : 'uuid')}`),
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

/** A customer row's columns named as the API answers them: the same fields, order and formats as `toCustomerDto`. */
const CUSTOMER_DTO_COLUMNS = `
  customers.id as "id", customers.external_id as "externalId", customers.email as "email",
  customers.phone as "phone", customers.first_name as "firstName", customers.last_name as "lastName",
  customers.city as "city", customers.country as "country", customers.tags as "tags",
  customers.attributes as "attributes", customers.total_spend::float8 as "totalSpend",
  customers.order_count as "orderCount", customers.visit_count as "visitCount",
  ${isoText('first_order_at')} as "firstOrderAt", ${isoText('last_order_at')} as "lastOrderAt",
  ${isoText('last_active_at')} as "lastActiveAt", customers.email_status as "emailStatus",
  customers.sms_status as "smsStatus", ${isoText('created_at')} as "createdAt", ${isoText('updated_at')} as "updatedAt"`;

/** A customer's model scores as `toOutlookDto` answers them (null when unscored), for `include=outlook`. */
const CUSTOMER_OUTLOOK_JSON = `case when customers.scored_at is null or customers.rfm_score is null
  then null else json_build_object(
  'rfmScore', customers.rfm_score, 'rfmSegment', customers.rfm_segment,
  'recencyScore', customers.recency_score, 'frequencyScore', customers.frequency_score,
  'monetaryScore', customers.monetary_score, 'churnRisk', customers.churn_risk, 'pAlive', customers.p_alive,
  'expectedOrders30d', customers.expected_orders_30d, 'expectedOrders90d', customers.expected_orders_90d,
  'predictedClv', customers.predicted_clv::float8, 'avgOrderValue', customers.avg_order_value::float8,
  'scoredAt', ${isoText('scored_at')}) end`;

/**
 * A customer row as the API answers it, as compact JSON text (`row_to_json`; the driver leaves text
 * unparsed), with its `outlook` last when asked for (where `{ ...dto, outlook }` put it).
 */
export function customerDtoJsonText(outlook: boolean): SQL {
  const columns = outlook ? `${CUSTOMER_DTO_COLUMNS}, ${CUSTOMER_OUTLOOK_JSON} as "outlook"` : CUSTOMER_DTO_COLUMNS;
  return sql.raw(`(select row_to_json(dto) from (select ${columns}) dto)::text`);
}
