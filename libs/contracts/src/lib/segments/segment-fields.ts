import type {
  BooleanOperator,
  DateOperator,
  EngagementOperator,
  NumberOperator,
  SegmentOperator,
  StringOperator,
  TagsOperator,
} from './segment-rule';

/**
 * The typed registry of fields a segment rule may reference (DESIGN §5).
 *
 * Semantics shared by the SQL compiler and the in-memory evaluator (libs/segment-engine):
 * - A missing/null value matches no operator except `is_empty` (and `has_none`/`is_empty` on tags,
 *   where a null array counts as empty). `neq` on null does not match.
 * - `string` fields compare case-insensitively (eq, neq, contains, starts_with, in) via lower().
 *   `is_empty` is null or ''.
 * - `enum` fields compare exactly (their values are canonical lowercase).
 * - `tags` compare exactly (case-sensitive), so the GIN index on `tags` stays usable.
 * - `date` fields: a timestamp is `d` whole days old, d = floor((now - ts) / 24h).
 *   `within_last_days N` ⇔ ts ≤ now and d ≤ N; `more_than_days_ago N` ⇔ d > N;
 *   `before`/`after` compare instants strictly; date-only values mean 00:00 UTC, date-times
 *   without an offset are read as UTC.
 * - Derived `days_since_*` fields are that same d (null when the source timestamp is null);
 *   their values must be whole numbers.
 * - `attributes.<key>`: a dynamic key of the `attributes` jsonb column, treated as a string.
 *   Only scalar JSON values count (string, number, boolean → their text); objects, arrays and
 *   JSON null count as empty. Numeric comparisons (gt, gte, lt, lte, between, and eq/neq with a
 *   number value) match only when the value is a JSON number or a string of plain decimal form
 *   (`-?digits[.digits]`), compared numerically.
 * - `campaign_engagement` (type `campaign`): the value is a campaign id; nothing is read from the
 *   customer row. With M = the customer's message of that campaign and "received" = M exists and
 *   was handed to the vendor (status neither queued nor failed):
 *   `received` ⇔ received; `delivered` ⇔ received and M.delivered_at set; `opened` ⇔ received and
 *   M.opened_at set (first human open); `clicked` ⇔ received and M.clicked_at set (first human
 *   click), or with `linkId`: a human click event on that link of that campaign;
 *   `not_opened` ⇔ received and no human open; `not_clicked` ⇔ received and no human click;
 *   `converted` ⇔ a conversion (attributed order) of that campaign. Machine (proxy/scanner)
 *   events never count.
 * - Event counts (`opens_90d`, `clicks_90d`): human events of the customer with
 *   now − 90·24h < at ≤ now; never null, so they offer no `is_empty`.
 */
export type SegmentFieldType = 'string' | 'number' | 'currency' | 'date' | 'tags' | 'boolean' | 'enum' | 'campaign';
export type SegmentFieldCategory =
  | 'profile'
  | 'purchases'
  | 'activity'
  | 'engagement'
  | 'consent'
  | 'tags'
  | 'attributes'
  | 'predictions';

export interface SegmentFieldDef {
  /** snake_case identifier used in the AST; also the `customers` column name (except derived and attribute fields). */
  readonly name: string;
  readonly label: string;
  readonly category: SegmentFieldCategory;
  readonly type: SegmentFieldType;
  readonly operators: readonly SegmentOperator[];
  readonly enumValues?: readonly string[];
  /** Values must be whole numbers (day counts). */
  readonly integer?: boolean;
  /** Derived `days_since_*` fields: the timestamp column the day count is computed from. */
  readonly derivedFrom?: string;
  /** Set for `attributes.<key>` fields. */
  readonly attributeKey?: string;
  /** Counts of the customer's human engagement events over the last `days` days (not a customers column). */
  readonly eventCount?: { readonly event: 'open' | 'click'; readonly days: number };
}

export const STRING_OPERATORS: readonly StringOperator[] = ['eq', 'neq', 'contains', 'starts_with', 'in', 'is_empty'];
export const NUMBER_OPERATORS: readonly NumberOperator[] = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_empty',
];
export const DATE_OPERATORS: readonly DateOperator[] = [
  'before',
  'after',
  'within_last_days',
  'more_than_days_ago',
  'is_empty',
];
/** `is_empty` on tags: no tags at all (null or empty array). */
export const TAGS_OPERATORS: readonly (TagsOperator | 'is_empty')[] = ['has_any', 'has_all', 'has_none', 'is_empty'];
export const BOOLEAN_OPERATORS: readonly BooleanOperator[] = ['is_true', 'is_false'];
/** `campaign_engagement` operators (value: a campaign id; `clicked` may carry a `linkId`). */
export const ENGAGEMENT_OPERATORS: readonly EngagementOperator[] = [
  'received',
  'delivered',
  'opened',
  'clicked',
  'converted',
  'not_opened',
  'not_clicked',
];
/** Event counts are never null: the number operators without `is_empty`. */
export const COUNT_OPERATORS: readonly NumberOperator[] = NUMBER_OPERATORS.filter((op) => op !== 'is_empty');
/** Window of the `opens_90d` / `clicks_90d` counts, in days. */
export const ENGAGEMENT_COUNT_DAYS = 90;
export const ENUM_OPERATORS: readonly SegmentOperator[] = ['eq', 'neq', 'in', 'is_empty'];
/** Attributes are strings that also allow numeric comparisons (see the note above). */
export const ATTRIBUTE_OPERATORS: readonly SegmentOperator[] = [
  ...STRING_OPERATORS,
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
];

export const OPERATORS_BY_TYPE: Readonly<Record<SegmentFieldType, readonly SegmentOperator[]>> = {
  string: STRING_OPERATORS,
  number: NUMBER_OPERATORS,
  currency: NUMBER_OPERATORS,
  date: DATE_OPERATORS,
  tags: TAGS_OPERATORS,
  boolean: BOOLEAN_OPERATORS,
  enum: ENUM_OPERATORS,
  campaign: ENGAGEMENT_OPERATORS,
};

/** Every operator the AST knows, in a stable order. */
export const SEGMENT_OPERATORS: readonly SegmentOperator[] = [
  'eq',
  'neq',
  'contains',
  'starts_with',
  'in',
  'is_empty',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'before',
  'after',
  'within_last_days',
  'more_than_days_ago',
  'has_any',
  'has_all',
  'has_none',
  'is_true',
  'is_false',
  ...ENGAGEMENT_OPERATORS,
];

export const CONSENT_STATUSES = ['subscribed', 'unsubscribed', 'blocklisted'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Named RFM segments (libs/customer-models `rfmSegment`: the recency × frequency map). */
export const RFM_SEGMENT_VALUES = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegmentValue = (typeof RFM_SEGMENT_VALUES)[number];

export const SEGMENT_RULE_LIMITS = {
  maxDepth: 5,
  maxConditions: 100,
  maxListValues: 1000,
  maxStringLength: 500,
  /** Upper bound for day counts (about 274 years). */
  maxDays: 100_000,
} as const;

function field(
  name: string,
  label: string,
  category: SegmentFieldCategory,
  type: SegmentFieldType,
  extra: Partial<SegmentFieldDef> = {},
): SegmentFieldDef {
  return { name, label, category, type, operators: OPERATORS_BY_TYPE[type], ...extra };
}

export const SEGMENT_FIELDS: readonly SegmentFieldDef[] = [
  field('first_name', 'First name', 'profile', 'string'),
  field('last_name', 'Last name', 'profile', 'string'),
  field('email', 'Email', 'profile', 'string'),
  field('phone', 'Phone', 'profile', 'string'),
  field('city', 'City', 'profile', 'string'),
  field('country', 'Country', 'profile', 'string'),
  field('created_at', 'Customer since', 'profile', 'date'),
  field('email_status', 'Email status', 'consent', 'enum', { enumValues: CONSENT_STATUSES }),
  field('sms_status', 'SMS status', 'consent', 'enum', { enumValues: CONSENT_STATUSES }),
  field('total_spend', 'Total spend', 'purchases', 'currency'),
  field('order_count', 'Orders', 'purchases', 'number'),
  field('first_order_at', 'First order', 'purchases', 'date'),
  field('last_order_at', 'Last order', 'purchases', 'date'),
  field('days_since_last_order', 'Days since last order', 'purchases', 'number', {
    integer: true,
    derivedFrom: 'last_order_at',
  }),
  field('visit_count', 'Visits', 'activity', 'number'),
  field('last_active_at', 'Last active', 'activity', 'date'),
  field('days_since_last_active', 'Days since last active', 'activity', 'number', {
    integer: true,
    derivedFrom: 'last_active_at',
  }),
  field('last_opened_at', 'Last opened', 'engagement', 'date'),
  field('last_clicked_at', 'Last clicked', 'engagement', 'date'),
  field('days_since_last_click', 'Days since last click', 'engagement', 'number', {
    integer: true,
    derivedFrom: 'last_clicked_at',
  }),
  field('opens_90d', 'Opens (last 90 days)', 'engagement', 'number', {
    integer: true,
    operators: COUNT_OPERATORS,
    eventCount: { event: 'open', days: ENGAGEMENT_COUNT_DAYS },
  }),
  field('clicks_90d', 'Clicks (last 90 days)', 'engagement', 'number', {
    integer: true,
    operators: COUNT_OPERATORS,
    eventCount: { event: 'click', days: ENGAGEMENT_COUNT_DAYS },
  }),
  field('campaign_engagement', 'Campaign engagement', 'engagement', 'campaign'),
  field('tags', 'Tags', 'tags', 'tags'),
  // Written by the insights model run (RFM quintiles, BG/NBD, Gamma-Gamma); null before the first run.
  field('rfm_score', 'RFM code (e.g. 545)', 'predictions', 'string'),
  field('rfm_segment', 'RFM segment', 'predictions', 'enum', { enumValues: RFM_SEGMENT_VALUES }),
  field('recency_score', 'Recency score (1–5)', 'predictions', 'number', { integer: true }),
  field('frequency_score', 'Frequency score (1–5)', 'predictions', 'number', { integer: true }),
  field('monetary_score', 'Monetary score (1–5)', 'predictions', 'number', { integer: true }),
  field('churn_risk', 'Churn risk (0–1)', 'predictions', 'number'),
  field('p_alive', 'Probability still active (0–1)', 'predictions', 'number'),
  field('expected_orders_30d', 'Expected orders, next 30 days', 'predictions', 'number'),
  field('expected_orders_90d', 'Expected orders, next 90 days', 'predictions', 'number'),
  field('predicted_clv', 'Predicted value, next 12 months', 'predictions', 'currency'),
  field('avg_order_value', 'Expected order value', 'predictions', 'currency'),
];

/** The field reads the customer row itself (a column or a day count of one): usable as a message token. */
export function isCustomerRowField(def: SegmentFieldDef): boolean {
  return def.type !== 'campaign' && def.eventCount === undefined;
}

export const ATTRIBUTE_FIELD_PREFIX = 'attributes.';
/** Safe attribute keys: letters, digits, `_`, space and `-`, up to 64 characters. */
export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_ -]{0,63}$/;

const FIELDS_BY_NAME: ReadonlyMap<string, SegmentFieldDef> = new Map(SEGMENT_FIELDS.map((f) => [f.name, f]));

export function attributeField(key: string): SegmentFieldDef {
  return {
    name: ATTRIBUTE_FIELD_PREFIX + key,
    label: key,
    category: 'attributes',
    type: 'string',
    operators: ATTRIBUTE_OPERATORS,
    attributeKey: key,
  };
}

/** Resolves a registry field or a dynamic `attributes.<key>` field; undefined when unknown or unsafe. */
export function fieldByName(name: string): SegmentFieldDef | undefined {
  const known = FIELDS_BY_NAME.get(name);
  if (known) return known;
  if (name.startsWith(ATTRIBUTE_FIELD_PREFIX)) {
    const key = name.slice(ATTRIBUTE_FIELD_PREFIX.length);
    if (ATTRIBUTE_KEY_PATTERN.test(key)) return attributeField(key);
  }
  return undefined;
}
