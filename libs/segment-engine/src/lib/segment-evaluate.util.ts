import {
  fieldByName,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentFieldDef,
  type SegmentGroup,
  type SegmentRule,
} from '@mini-crm/contracts';
import { assertValidSegmentRules } from './segment-validate.util';
import {
  attributeNumber,
  attributeText,
  daysBefore,
  parseRuleDate,
  toEpochMs,
  toNumber,
  wholeDaysSince,
} from './segment-values.util';

/**
 * A customer as the evaluator reads it: `customers` columns by their snake_case names. Numeric
 * columns may be numbers or numeric strings (as Postgres returns them); timestamps Date or ISO strings.
 */
export interface SegmentCustomer {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  city?: string | null;
  country?: string | null;
  created_at?: Date | string | null;
  email_status?: string | null;
  sms_status?: string | null;
  total_spend?: number | string | null;
  order_count?: number | string | null;
  visit_count?: number | string | null;
  first_order_at?: Date | string | null;
  last_order_at?: Date | string | null;
  last_active_at?: Date | string | null;
  last_opened_at?: Date | string | null;
  last_clicked_at?: Date | string | null;
  tags?: readonly string[] | null;
  attributes?: Readonly<Record<string, unknown>> | null;
  rfm_score?: string | null;
  rfm_segment?: string | null;
  recency_score?: number | string | null;
  frequency_score?: number | string | null;
  monetary_score?: number | string | null;
  churn_risk?: number | string | null;
  p_alive?: number | string | null;
  expected_orders_30d?: number | string | null;
  expected_orders_90d?: number | string | null;
  predicted_clv?: number | string | null;
  avg_order_value?: number | string | null;
  /**
   * This customer's rows of the engagement tables, for `campaign_engagement` and the event counts
   * (`opens_90d`, `clicks_90d`). Absent means none: the customer received no campaign.
   */
  engagement?: SegmentEngagement | null;
}

/** A customer's `messages` row (one per campaign). */
export interface SegmentEngagementMessage {
  campaign_id: string;
  /** `queued`, `sent` or `failed`. */
  status: string;
  delivered_at?: Date | string | null;
  /** First human open. */
  opened_at?: Date | string | null;
  /** First human click. */
  clicked_at?: Date | string | null;
}

/** A customer's `engagement_events` row. */
export interface SegmentEngagementEvent {
  campaign_id: string;
  link_id?: number | null;
  /** `open` or `click`. */
  type: string;
  at: Date | string;
  machine: boolean;
}

/** A customer's `conversions` row. */
export interface SegmentEngagementConversion {
  campaign_id: string;
}

export interface SegmentEngagement {
  messages?: readonly SegmentEngagementMessage[] | null;
  events?: readonly SegmentEngagementEvent[] | null;
  conversions?: readonly SegmentEngagementConversion[] | null;
}

export type SegmentPredicate = (customer: SegmentCustomer) => boolean;

/**
 * Validates the AST once and returns a predicate with exactly the semantics of the SQL compiler.
 * Throws InvalidSegmentRulesError when the AST does not validate.
 */
export function createSegmentPredicate(group: SegmentGroup, now: Date = new Date()): SegmentPredicate {
  const valid = assertValidSegmentRules(group);
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new Error('createSegmentPredicate: invalid `now`');
  return (customer) => matchGroup(valid, customer, nowMs);
}

/** In-memory evaluation of one customer; see createSegmentPredicate for many. */
export function evaluateSegmentRules(group: SegmentGroup, customer: SegmentCustomer, now: Date = new Date()): boolean {
  return createSegmentPredicate(group, now)(customer);
}

function matchGroup(group: SegmentGroup, customer: SegmentCustomer, nowMs: number): boolean {
  const matches =
    group.rules.length === 0 ||
    (group.op === 'and'
      ? group.rules.every((rule) => matchRule(rule, customer, nowMs))
      : group.rules.some((rule) => matchRule(rule, customer, nowMs)));
  return group.not ? !matches : matches;
}

function matchRule(rule: SegmentRule, customer: SegmentCustomer, nowMs: number): boolean {
  return isSegmentGroup(rule) ? matchGroup(rule, customer, nowMs) : matchCondition(rule, customer, nowMs);
}

function columnValue(customer: SegmentCustomer, name: string): unknown {
  return (customer as Record<string, unknown>)[name];
}

function matchCondition(cond: SegmentCondition, customer: SegmentCustomer, nowMs: number): boolean {
  const def = fieldByName(cond.field) as SegmentFieldDef;
  if (def.attributeKey !== undefined) return matchAttribute(def.attributeKey, cond, customer);
  if (def.type === 'campaign') return matchCampaignEngagement(cond, customer.engagement ?? null);
  if (def.eventCount !== undefined) {
    return matchNumber(countEvents(def.eventCount, customer.engagement ?? null, nowMs), cond);
  }
  if (def.derivedFrom !== undefined) {
    const ts = toEpochMs(columnValue(customer, def.derivedFrom));
    return matchNumber(ts === null ? null : wholeDaysSince(ts, nowMs), cond);
  }
  const raw = columnValue(customer, def.name);
  switch (def.type) {
    case 'string':
      return matchText(typeof raw === 'string' ? raw : null, cond);
    case 'enum':
      return matchEnum(typeof raw === 'string' ? raw : null, cond);
    case 'number':
    case 'currency':
      return matchNumber(toNumber(raw), cond);
    case 'date':
      return matchDate(toEpochMs(raw), cond, nowMs);
    case 'tags':
      return matchTags(Array.isArray(raw) ? (raw as string[]) : null, cond);
    case 'boolean':
      return cond.operator === 'is_true' ? raw === true : raw === false;
  }
}

/** Handed to the vendor and not failed: the campaign reached the customer. */
const received = (m: SegmentEngagementMessage): boolean => m.status !== 'queued' && m.status !== 'failed';
const present = (ts: unknown): boolean => toEpochMs(ts) !== null;

function matchCampaignEngagement(cond: SegmentCondition, engagement: SegmentEngagement | null): boolean {
  const campaignId = cond.value as string;
  if (cond.operator === 'converted') {
    return (engagement?.conversions ?? []).some((v) => v.campaign_id === campaignId);
  }
  if (cond.operator === 'clicked' && cond.linkId !== undefined) {
    return (engagement?.events ?? []).some(
      (e) => e.campaign_id === campaignId && e.link_id === cond.linkId && e.type === 'click' && e.machine === false,
    );
  }
  const message = (engagement?.messages ?? []).find((m) => m.campaign_id === campaignId && received(m));
  if (!message) return false;
  switch (cond.operator) {
    case 'received':
      return true;
    case 'delivered':
      return present(message.delivered_at);
    case 'opened':
      return present(message.opened_at);
    case 'clicked':
      return present(message.clicked_at);
    case 'not_opened':
      return !present(message.opened_at);
    case 'not_clicked':
      return !present(message.clicked_at);
    default:
      return false;
  }
}

/** Human events of one type with now − days·24h < at ≤ now (as the SQL counts them). */
function countEvents(
  count: NonNullable<SegmentFieldDef['eventCount']>,
  engagement: SegmentEngagement | null,
  nowMs: number,
): number {
  const from = daysBefore(nowMs, count.days).getTime();
  let n = 0;
  for (const e of engagement?.events ?? []) {
    if (e.type !== count.event || e.machine !== false) continue;
    const at = toEpochMs(e.at);
    if (at !== null && at > from && at <= nowMs) n++;
  }
  return n;
}

const lower = (s: string): string => s.toLowerCase();

function matchText(value: string | null, cond: SegmentCondition): boolean {
  if (cond.operator === 'is_empty') return value === null || value === '';
  if (value === null) return false;
  const v = lower(value);
  switch (cond.operator) {
    case 'eq':
      return v === lower(cond.value as string);
    case 'neq':
      return v !== lower(cond.value as string);
    case 'contains':
      return v.includes(lower(cond.value as string));
    case 'starts_with':
      return v.startsWith(lower(cond.value as string));
    case 'in':
      return (cond.value as string[]).some((item) => lower(item) === v);
    default:
      return false;
  }
}

function matchEnum(value: string | null, cond: SegmentCondition): boolean {
  if (cond.operator === 'is_empty') return value === null || value === '';
  if (value === null) return false;
  switch (cond.operator) {
    case 'eq':
      return value === cond.value;
    case 'neq':
      return value !== cond.value;
    case 'in':
      return (cond.value as string[]).includes(value);
    default:
      return false;
  }
}

function matchNumber(value: number | null, cond: SegmentCondition): boolean {
  if (cond.operator === 'is_empty') return value === null;
  if (value === null) return false;
  const v = cond.value as number;
  switch (cond.operator) {
    case 'eq':
      return value === v;
    case 'neq':
      return value !== v;
    case 'gt':
      return value > v;
    case 'gte':
      return value >= v;
    case 'lt':
      return value < v;
    case 'lte':
      return value <= v;
    case 'between': {
      const [min, max] = cond.value as [number, number];
      return value >= min && value <= max;
    }
    default:
      return false;
  }
}

function matchDate(ts: number | null, cond: SegmentCondition, nowMs: number): boolean {
  if (cond.operator === 'is_empty') return ts === null;
  if (ts === null) return false;
  switch (cond.operator) {
    case 'before':
      return ts < (parseRuleDate(cond.value as string) as Date).getTime();
    case 'after':
      return ts > (parseRuleDate(cond.value as string) as Date).getTime();
    case 'within_last_days':
      return ts > daysBefore(nowMs, (cond.value as number) + 1).getTime() && ts <= nowMs;
    case 'more_than_days_ago':
      return ts <= daysBefore(nowMs, (cond.value as number) + 1).getTime();
    default:
      return false;
  }
}

function matchTags(tags: readonly string[] | null, cond: SegmentCondition): boolean {
  const values = cond.value as string[];
  const have = tags ?? [];
  switch (cond.operator) {
    case 'has_any':
      return values.some((v) => have.includes(v));
    case 'has_all':
      return tags !== null && values.every((v) => have.includes(v));
    case 'has_none':
      return !values.some((v) => have.includes(v));
    case 'is_empty':
      return have.length === 0;
    default:
      return false;
  }
}

function matchAttribute(key: string, cond: SegmentCondition, customer: SegmentCustomer): boolean {
  const attrs = customer.attributes;
  const raw =
    attrs && typeof attrs === 'object' && Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
  const numeric =
    ['gt', 'gte', 'lt', 'lte', 'between'].includes(cond.operator) ||
    ((cond.operator === 'eq' || cond.operator === 'neq') && typeof cond.value === 'number');
  return numeric ? matchNumber(attributeNumber(raw), cond) : matchText(attributeText(raw), cond);
}
