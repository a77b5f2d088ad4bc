import { sql, type SQL } from 'drizzle-orm';
import {
  fieldByName,
  type SegmentCondition,
  type SegmentFieldDef,
  type SegmentGroup,
  type SegmentRule,
  isSegmentGroup,
} from '@mini-crm/contracts';
import { assertValidSegmentRules } from './segment-validate.util';
import { ATTRIBUTE_NUMERAL_SOURCE, daysBefore, escapeLike, parseRuleDate } from './segment-values.util';

export interface CompileSegmentOptions {
  /** Table alias to qualify columns with (e.g. `c` → `"c"."city"`); bare column names when omitted. */
  alias?: string;
  /** The instant day-based rules are measured from; bound as a parameter. Defaults to `new Date()`. */
  now?: Date;
}

/**
 * Compiles a rule AST into one boolean SQL expression over the `customers` table, for a WHERE clause.
 * Every value is a bound parameter; identifiers come from the field registry only. Each condition is
 * wrapped in COALESCE(…, false) so NULLs never leak three-valued logic into NOT groups. (Leaving
 * conditions outside NOT groups bare was measured: the planner then underestimates matches and
 * sorts the whole audience for the 20-row sample instead of walking the primary key — slower.)
 * Throws InvalidSegmentRulesError when the AST does not validate.
 */
export function compileSegmentRules(group: SegmentGroup, options: CompileSegmentOptions = {}): SQL {
  const valid = assertValidSegmentRules(group);
  const nowMs = (options.now ?? new Date()).getTime();
  if (Number.isNaN(nowMs)) throw new Error('compileSegmentRules: invalid `now`');
  const ctx: CompileContext = { alias: options.alias, nowMs };
  return compileGroup(valid, ctx);
}

interface CompileContext {
  alias?: string;
  nowMs: number;
}

function compileGroup(group: SegmentGroup, ctx: CompileContext): SQL {
  const body =
    group.rules.length === 0
      ? sql.raw('true')
      : sql`(${sql.join(
          group.rules.map((rule) => compileRule(rule, ctx)),
          sql.raw(group.op === 'and' ? ' and ' : ' or '),
        )})`;
  return group.not ? sql`(not ${body})` : body;
}

function compileRule(rule: SegmentRule, ctx: CompileContext): SQL {
  if (isSegmentGroup(rule)) return compileGroup(rule, ctx);
  return sql`coalesce(${compileCondition(rule, ctx)}, false)`;
}

function column(name: string, ctx: CompileContext): SQL {
  return ctx.alias ? sql`${sql.identifier(ctx.alias)}.${sql.identifier(name)}` : sql`${sql.identifier(name)}`;
}

const text = (value: string): SQL => sql`${value}::text`;
const num = (value: unknown): SQL => sql`${String(value)}::numeric`;
const instant = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;
const textArray = (values: unknown): SQL => sql`${sql.param([...(values as string[])])}::text[]`;

function compileCondition(cond: SegmentCondition, ctx: CompileContext): SQL {
  const def = fieldByName(cond.field) as SegmentFieldDef;
  if (def.attributeKey !== undefined) return compileAttribute(def.attributeKey, cond, ctx);
  if (def.type === 'campaign') return compileCampaignEngagement(cond, ctx);
  if (def.eventCount !== undefined) return compileNumber(eventCount(def.eventCount, ctx), cond, true);
  if (def.derivedFrom !== undefined) return compileDaysSince(column(def.derivedFrom, ctx), cond, ctx);
  const col = column(def.name, ctx);
  switch (def.type) {
    case 'string':
      return compileText(col, cond);
    case 'enum':
      return compileEnum(col, cond);
    case 'number':
    case 'currency':
      return compileNumber(col, cond);
    case 'date':
      return compileDate(col, cond, ctx);
    case 'tags':
      return compileTags(col, cond);
    case 'boolean':
      return cond.operator === 'is_true' ? sql`${col} is true` : sql`${col} is false`;
  }
}

/** The outer customer's id, for correlated subqueries (an unaliased predicate runs over `customers`). */
function customerId(ctx: CompileContext): SQL {
  return sql`${sql.identifier(ctx.alias ?? 'customers')}.${sql.identifier('id')}`;
}

/** Message states of `campaign_engagement`, over the customer's message `seg_m` of the campaign (received implied). */
const MESSAGE_STATES: Partial<Record<SegmentCondition['operator'], SQL | null>> = {
  received: null,
  delivered: sql.raw('seg_m.delivered_at is not null'),
  opened: sql.raw('seg_m.opened_at is not null'),
  clicked: sql.raw('seg_m.clicked_at is not null'),
  not_opened: sql.raw('seg_m.opened_at is null'),
  not_clicked: sql.raw('seg_m.clicked_at is null'),
};

/**
 * `campaign_engagement` as an EXISTS over the customer's message of the campaign (the unique
 * campaign+customer index), link-narrowed clicks over human click events (customer+time index) and
 * conversions over the conversions table (customer index). `opened_at`/`clicked_at` hold the first
 * human open/click only, so machine hits never count.
 */
function compileCampaignEngagement(cond: SegmentCondition, ctx: CompileContext): SQL {
  const campaign = sql`${cond.value as string}::uuid`;
  const id = customerId(ctx);
  if (cond.operator === 'converted') {
    return sql`exists (select 1 from conversions seg_v where seg_v.customer_id = ${id} and seg_v.campaign_id = ${campaign})`;
  }
  if (cond.operator === 'clicked' && cond.linkId !== undefined) {
    return sql`exists (select 1 from engagement_events seg_e where seg_e.customer_id = ${id} and seg_e.campaign_id = ${campaign} and seg_e.link_id = ${cond.linkId}::integer and seg_e.type = 'click' and seg_e.machine = false)`;
  }
  const state = MESSAGE_STATES[cond.operator];
  if (state === undefined) throw unsupported(cond);
  return sql`exists (select 1 from messages seg_m where seg_m.campaign_id = ${campaign} and seg_m.customer_id = ${id} and seg_m.status <> 'queued' and seg_m.status <> 'failed'${state ? sql` and ${state}` : sql``})`;
}

/** Human events of one type in the window now − days·24h < at ≤ now, counted per customer. */
function eventCount(count: NonNullable<SegmentFieldDef['eventCount']>, ctx: CompileContext): SQL {
  const from = instant(daysBefore(ctx.nowMs, count.days));
  const to = instant(new Date(ctx.nowMs));
  return sql`(select count(*) from engagement_events seg_e where seg_e.customer_id = ${customerId(ctx)} and seg_e.type = ${text(count.event)} and seg_e.machine = false and seg_e.at > ${from} and seg_e.at <= ${to})::numeric`;
}

function compileText(expr: SQL, cond: SegmentCondition): SQL {
  const v = cond.value as string;
  switch (cond.operator) {
    case 'eq':
      return sql`lower(${expr}) = lower(${text(v)})`;
    case 'neq':
      return sql`lower(${expr}) <> lower(${text(v)})`;
    case 'contains':
      return sql`strpos(lower(${expr}), lower(${text(v)})) > 0`;
    case 'starts_with':
      return sql`lower(${expr}) like lower(${text(escapeLike(v) + '%')})`;
    case 'in':
      return sql`lower(${expr}) in (select lower(v) from unnest(${textArray(cond.value)}) as v)`;
    case 'is_empty':
      return sql`(${expr} is null or ${expr} = '')`;
    default:
      throw unsupported(cond);
  }
}

function compileEnum(col: SQL, cond: SegmentCondition): SQL {
  switch (cond.operator) {
    case 'eq':
      return sql`${col} = ${text(cond.value as string)}`;
    case 'neq':
      return sql`${col} <> ${text(cond.value as string)}`;
    case 'in':
      return sql`${col} = any(${textArray(cond.value)})`;
    case 'is_empty':
      return sql`(${col} is null or ${col} = '')`;
    default:
      throw unsupported(cond);
  }
}

/** `computed`: expr is an expression worth evaluating once per row, not an (indexable) column. */
function compileNumber(expr: SQL, cond: SegmentCondition, computed = false): SQL {
  const v = cond.value;
  switch (cond.operator) {
    case 'eq':
      return sql`${expr} = ${num(v)}`;
    case 'neq':
      return sql`${expr} <> ${num(v)}`;
    case 'gt':
      return sql`${expr} > ${num(v)}`;
    case 'gte':
      return sql`${expr} >= ${num(v)}`;
    case 'lt':
      return sql`${expr} < ${num(v)}`;
    case 'lte':
      return sql`${expr} <= ${num(v)}`;
    case 'between': {
      const [min, max] = v as [number, number];
      // BETWEEN expands into two comparisons, each computing expr; a range test computes it once
      // (but is no use to a b-tree index, so columns keep BETWEEN).
      return computed
        ? sql`numrange(${num(min)}, ${num(max)}, '[]') @> ${expr}`
        : sql`${expr} between ${num(min)} and ${num(max)}`;
    }
    case 'is_empty':
      return sql`${expr} is null`;
    default:
      throw unsupported(cond);
  }
}

/**
 * days = floor((now - ts) / 24h) rewritten as range conditions on ts itself, so an index on the
 * timestamp column serves them: days ≥ n ⇔ ts ≤ now − n·24h, and days ≤ n ⇔ ts > now − (n+1)·24h.
 */
function compileDaysSince(ts: SQL, cond: SegmentCondition, ctx: CompileContext): SQL {
  const atLeast = (n: number) => sql`${ts} <= ${instant(daysBefore(ctx.nowMs, n))}`;
  const atMost = (n: number) => sql`${ts} > ${instant(daysBefore(ctx.nowMs, n + 1))}`;
  const n = cond.value as number;
  switch (cond.operator) {
    case 'eq':
      return sql`(${atLeast(n)} and ${atMost(n)})`;
    case 'neq':
      return sql`(not ${atLeast(n)} or not ${atMost(n)})`;
    case 'gt':
      return atLeast(n + 1);
    case 'gte':
      return atLeast(n);
    case 'lt':
      return atMost(n - 1);
    case 'lte':
      return atMost(n);
    case 'between': {
      const [min, max] = cond.value as [number, number];
      return sql`(${atLeast(min)} and ${atMost(max)})`;
    }
    case 'is_empty':
      return sql`${ts} is null`;
    default:
      throw unsupported(cond);
  }
}

function compileDate(col: SQL, cond: SegmentCondition, ctx: CompileContext): SQL {
  switch (cond.operator) {
    case 'before':
      return sql`${col} < ${instant(parseRuleDate(cond.value as string) as Date)}`;
    case 'after':
      return sql`${col} > ${instant(parseRuleDate(cond.value as string) as Date)}`;
    case 'within_last_days':
      return sql`(${col} > ${instant(daysBefore(ctx.nowMs, (cond.value as number) + 1))} and ${col} <= ${instant(new Date(ctx.nowMs))})`;
    case 'more_than_days_ago':
      return sql`${col} <= ${instant(daysBefore(ctx.nowMs, (cond.value as number) + 1))}`;
    case 'is_empty':
      return sql`${col} is null`;
    default:
      throw unsupported(cond);
  }
}

function compileTags(col: SQL, cond: SegmentCondition): SQL {
  switch (cond.operator) {
    case 'has_any':
      return sql`${col} && ${textArray(cond.value)}`;
    case 'has_all':
      return sql`${col} @> ${textArray(cond.value)}`;
    case 'has_none':
      return sql`not (coalesce(${col}, '{}'::text[]) && ${textArray(cond.value)})`;
    case 'is_empty':
      return sql`coalesce(cardinality(${col}), 0) = 0`;
    default:
      throw unsupported(cond);
  }
}

/** Scalar attribute values only: objects, arrays and JSON null count as absent. */
function compileAttribute(key: string, cond: SegmentCondition, ctx: CompileContext): SQL {
  const attrs = column('attributes', ctx);
  const type = sql`jsonb_typeof(${attrs} -> ${text(key)})`;
  const value = sql`(${attrs} ->> ${text(key)})`;
  // Simple CASEs evaluate jsonb_typeof once per row; JSON null and a missing key give NULL through ->>.
  const asText = sql`(case ${type} when 'object' then null when 'array' then null else ${value} end)`;
  const asNumber = sql`(case ${type} when 'number' then ${value}::numeric when 'string' then (case when ${value} ~ ${sql.raw(`'${ATTRIBUTE_NUMERAL_SOURCE}'`)} then ${value}::numeric end) end)`;
  const numeric =
    ['gt', 'gte', 'lt', 'lte', 'between'].includes(cond.operator) ||
    ((cond.operator === 'eq' || cond.operator === 'neq') && typeof cond.value === 'number');
  return numeric ? compileNumber(asNumber, cond, true) : compileText(asText, cond);
}

function unsupported(cond: SegmentCondition): Error {
  return new Error(`operator "${cond.operator}" is not supported for field "${cond.field}"`);
}
