import {
  fieldByName,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentFieldDef,
  type SegmentGroup,
  type SegmentRule,
} from '@mini-crm/contracts';
import { parseRuleDate } from './segment-values.util';

export interface SummarizeSegmentOptions {
  /** ISO 4217 code for currency fields; default INR. */
  currency?: string;
  /** Number locale; default en-IN for INR, en-US otherwise. */
  locale?: string;
  /** Names campaigns of `campaign_engagement` conditions (else they read `campaign <first 8 characters of the id>`). */
  campaignName?: (id: string) => string | null | undefined;
  /** Names tracked links (`linkId`) of a campaign, e.g. by URL (else `link #<id>`). */
  linkLabel?: (campaignId: string, linkId: number) => string | null | undefined;
}

/**
 * Plain-English summary of a rule AST, e.g. `(spent more than ₹5,000 and ordered fewer than 3 times)
 * or have any of the tags "vip"`. Nested groups are parenthesised; a negated group reads `not (…)`.
 * Best effort on unvalidated input: unknown fields are named as-is.
 */
export function summarizeSegmentRules(group: SegmentGroup, options: SummarizeSegmentOptions = {}): string {
  const currency = options.currency ?? 'INR';
  const fmt: Formatters = {
    currency,
    locale: options.locale ?? (currency === 'INR' ? 'en-IN' : 'en-US'),
    campaignName: options.campaignName,
    linkLabel: options.linkLabel,
  };
  if (group.rules.length === 0) return group.not ? 'no customers' : 'all customers';
  return describeGroup(group, fmt, true);
}

interface Formatters {
  currency: string;
  locale: string;
  campaignName?: SummarizeSegmentOptions['campaignName'];
  linkLabel?: SummarizeSegmentOptions['linkLabel'];
}

function describeGroup(group: SegmentGroup, fmt: Formatters, root: boolean): string {
  if (group.rules.length === 0) return group.not ? 'no one' : 'everyone';
  const parts = group.rules.map((rule) => describeRule(rule, fmt));
  const body = parts.join(group.op === 'and' ? ' and ' : ' or ');
  if (group.not) return `not (${body})`;
  return root || parts.length === 1 ? body : `(${body})`;
}

function describeRule(rule: SegmentRule, fmt: Formatters): string {
  return isSegmentGroup(rule) ? describeGroup(rule, fmt, false) : describeCondition(rule, fmt);
}

/** `SMS status` keeps its acronym; `First name` → `first name`. */
function noun(def: SegmentFieldDef): string {
  if (def.attributeKey !== undefined) return `attribute "${def.attributeKey}"`;
  const label = def.label;
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

const quote = (v: unknown): string => `"${String(v)}"`;

function orList(values: readonly string[], joiner = 'or'): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${joiner} ${values[values.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function money(n: unknown, fmt: Formatters): string {
  const value = Number(n);
  try {
    return new Intl.NumberFormat(fmt.locale, {
      style: 'currency',
      currency: fmt.currency,
      minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(value);
  } catch {
    return `${fmt.currency} ${value}`;
  }
}

function date(value: unknown): string {
  const d = typeof value === 'string' ? parseRuleDate(value) : null;
  if (!d) return String(value);
  const day = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
  if (d.getTime() % 86_400_000 === 0) return day;
  return `${day}, ${d.toISOString().slice(11, 16)} UTC`;
}

/** Verb phrases for fields that read better as actions ("spent", "ordered", "last ordered"). */
const COMPARISON: Record<string, string> = {
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  eq: 'exactly',
};

function describeCondition(cond: SegmentCondition, fmt: Formatters): string {
  const def = fieldByName(cond.field);
  if (!def) return `${cond.field} ${cond.operator} ${JSON.stringify(cond.value ?? null)}`;
  return describeSpecial(def, cond, fmt) ?? describeGeneric(def, cond, fmt);
}

function describeSpecial(def: SegmentFieldDef, cond: SegmentCondition, fmt: Formatters): string | null {
  const op = cond.operator;
  const v = cond.value;
  const range = Array.isArray(v) ? (v as number[]) : null;
  const counted = (verb: string, never: string): string | null => {
    if (op === 'is_empty') return never;
    if (op === 'between' && range) return `${verb} between ${range[0]} and ${plural(range[1], 'time', 'times')}`;
    if (op === 'neq')
      return `did not ${verb === 'ordered' ? 'order' : 'visit'} exactly ${plural(v as number, 'time', 'times')}`;
    if (op === 'lt') return `${verb} fewer than ${plural(v as number, 'time', 'times')}`;
    return COMPARISON[op] ? `${verb} ${COMPARISON[op]} ${plural(v as number, 'time', 'times')}` : null;
  };
  const ago = (verb: string, never: string): string | null => {
    if (op === 'is_empty') return never;
    if (op === 'between' && range) return `${verb} between ${range[0]} and ${plural(range[1], 'day', 'days')} ago`;
    if (op === 'neq') return `${verb} other than ${plural(v as number, 'day', 'days')} ago`;
    return COMPARISON[op] ? `${verb} ${COMPARISON[op]} ${plural(v as number, 'day', 'days')} ago` : null;
  };
  const recent = (verb: string, days: number): string | null => {
    const window = `in the last ${plural(days, 'day', 'days')}`;
    if (op === 'between' && range)
      return `${verb} between ${range[0]} and ${plural(range[1], 'time', 'times')} ${window}`;
    if (op === 'neq') return `did not ${verb.slice(0, -2)} exactly ${plural(v as number, 'time', 'times')} ${window}`;
    if (op === 'lt') return `${verb} fewer than ${plural(v as number, 'time', 'times')} ${window}`;
    return COMPARISON[op] ? `${verb} ${COMPARISON[op]} ${plural(v as number, 'time', 'times')} ${window}` : null;
  };
  switch (def.name) {
    case 'total_spend':
      if (op === 'is_empty') return 'have no recorded spend';
      if (op === 'between' && range) return `spent between ${money(range[0], fmt)} and ${money(range[1], fmt)}`;
      if (op === 'neq') return `did not spend exactly ${money(v, fmt)}`;
      return COMPARISON[op] ? `spent ${COMPARISON[op]} ${money(v, fmt)}` : null;
    case 'order_count':
      return counted('ordered', 'have no order count');
    case 'visit_count':
      return counted('visited', 'have no visit count');
    case 'days_since_last_order':
      return ago('last ordered', 'have never ordered');
    case 'days_since_last_active':
      return ago('were last active', 'have never been active');
    case 'days_since_last_click':
      return ago('last clicked', 'have never clicked');
    case 'opens_90d':
      return recent('opened', def.eventCount?.days ?? 90);
    case 'clicks_90d':
      return recent('clicked', def.eventCount?.days ?? 90);
    case 'campaign_engagement':
      return describeEngagement(cond, fmt);
    default:
      return def.type === 'date' && DATE_VERBS[def.name] ? describeDate(DATE_VERBS[def.name], cond) : null;
  }
}

const DATE_VERBS: Record<string, [verb: string, never: string]> = {
  created_at: ['joined', 'have no sign-up date'],
  first_order_at: ['first ordered', 'have never ordered'],
  last_order_at: ['last ordered', 'have never ordered'],
  last_active_at: ['were last active', 'have never been active'],
  last_opened_at: ['last opened a message', 'have never opened a message'],
  last_clicked_at: ['last clicked a link', 'have never clicked a link'],
};

function describeEngagement(cond: SegmentCondition, fmt: Formatters): string | null {
  const id = String(cond.value);
  const named = fmt.campaignName?.(id);
  const campaign = named ? `campaign ${quote(named)}` : `campaign ${id.slice(0, 8)}`;
  switch (cond.operator) {
    case 'received':
      return `received ${campaign}`;
    case 'delivered':
      return `had ${campaign} delivered`;
    case 'opened':
      return `opened ${campaign}`;
    case 'clicked': {
      if (cond.linkId === undefined) return `clicked a link in ${campaign}`;
      const label = fmt.linkLabel?.(id, cond.linkId);
      return `clicked ${label ? quote(label) : `link #${cond.linkId}`} in ${campaign}`;
    }
    case 'converted':
      return `ordered after ${campaign} (converted)`;
    case 'not_opened':
      return `received ${campaign} but did not open it`;
    case 'not_clicked':
      return `received ${campaign} but clicked no link`;
    default:
      return null;
  }
}

function describeDate([verb, never]: [string, string], cond: SegmentCondition): string | null {
  switch (cond.operator) {
    case 'before':
      return `${verb} before ${date(cond.value)}`;
    case 'after':
      return `${verb} after ${date(cond.value)}`;
    case 'within_last_days':
      return `${verb} in the last ${plural(cond.value as number, 'day', 'days')}`;
    case 'more_than_days_ago':
      return `${verb} more than ${plural(cond.value as number, 'day', 'days')} ago`;
    case 'is_empty':
      return never;
    default:
      return null;
  }
}

function describeGeneric(def: SegmentFieldDef, cond: SegmentCondition, fmt: Formatters): string {
  const name = noun(def);
  const v = cond.value;
  const list = Array.isArray(v) ? (v as unknown[]) : [];
  const isEnum = def.type === 'enum';
  const show = (x: unknown): string =>
    def.type === 'currency' ? money(x, fmt) : typeof x === 'number' || isEnum ? String(x) : quote(x);
  switch (cond.operator) {
    case 'eq':
      return `${name} is ${show(v)}`;
    case 'neq':
      return `${name} is not ${show(v)}`;
    case 'contains':
      return `${name} contains ${quote(v)}`;
    case 'starts_with':
      return `${name} starts with ${quote(v)}`;
    case 'in':
      return list.length === 1 ? `${name} is ${show(list[0])}` : `${name} is ${orList(list.map(show))}`;
    case 'is_empty':
      return def.type === 'tags' ? 'have no tags' : `have no ${name}`;
    case 'gt':
      return `${name} is greater than ${show(v)}`;
    case 'gte':
      return `${name} is at least ${show(v)}`;
    case 'lt':
      return `${name} is less than ${show(v)}`;
    case 'lte':
      return `${name} is at most ${show(v)}`;
    case 'between':
      return `${name} is between ${show(list[0])} and ${show(list[1])}`;
    case 'before':
      return `${name} is before ${date(v)}`;
    case 'after':
      return `${name} is after ${date(v)}`;
    case 'within_last_days':
      return `${name} is within the last ${plural(v as number, 'day', 'days')}`;
    case 'more_than_days_ago':
      return `${name} is more than ${plural(v as number, 'day', 'days')} ago`;
    case 'has_any':
      return list.length === 1 ? `are tagged ${quote(list[0])}` : `are tagged ${orList(list.map(quote))}`;
    case 'has_all':
      return list.length === 1 ? `are tagged ${quote(list[0])}` : `are tagged ${orList(list.map(quote), 'and')}`;
    case 'has_none':
      return list.length === 1
        ? `are not tagged ${quote(list[0])}`
        : `are tagged none of ${list.map(quote).join(', ')}`;
    case 'is_true':
      return `${name} is yes`;
    case 'is_false':
      return `${name} is no`;
    default:
      return `${name} ${cond.operator.replace(/_/g, ' ')} ${quote(v)}`;
  }
}
