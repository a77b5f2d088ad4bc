import {
  fieldByName,
  ATTRIBUTE_FIELD_PREFIX,
  SEGMENT_OPERATORS,
  SEGMENT_RULE_LIMITS,
  type SegmentCondition,
  type SegmentFieldDef,
  type SegmentGroup,
  type SegmentOperator,
  type SegmentRule,
} from '@mini-crm/contracts';
import { isCampaignId, parseRuleDate } from './segment-values.util';

/** One problem in a rule AST; `path` is relative to the root group, e.g. `rules[1].rules[0].value`. */
export interface SegmentRuleIssue {
  path: string;
  message: string;
}

export type SegmentValidationResult = { ok: true; rules: SegmentGroup } | { ok: false; errors: SegmentRuleIssue[] };

const MAX_REPORTED_ERRORS = 100;
const NO_VALUE_OPERATORS: readonly SegmentOperator[] = ['is_empty', 'is_true', 'is_false'];
const ORDER_OPERATORS: readonly SegmentOperator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
/** Largest `campaign_links.id` (a Postgres integer). */
const MAX_LINK_ID = 2_147_483_647;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function formatSegmentRuleIssues(errors: readonly SegmentRuleIssue[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}

/** Thrown by the compiler and evaluator when handed an AST that does not validate. */
export class InvalidSegmentRulesError extends Error {
  constructor(readonly errors: SegmentRuleIssue[]) {
    super(`Invalid segment rules: ${formatSegmentRuleIssues(errors)}`);
    this.name = 'InvalidSegmentRulesError';
  }
}

/**
 * Checks an untrusted rule AST and returns a clean copy (unknown properties dropped, `not: false`
 * and values of value-less operators removed). An empty group is valid and matches everyone.
 */
export function validateSegmentRules(input: unknown): SegmentValidationResult {
  const ctx: Context = { errors: [], conditions: 0 };
  const rules = validateGroup(input, '', 1, ctx);
  if (ctx.conditions > SEGMENT_RULE_LIMITS.maxConditions) {
    report(ctx, '', `at most ${SEGMENT_RULE_LIMITS.maxConditions} conditions are allowed (found ${ctx.conditions})`);
  }
  if (ctx.errors.length > 0 || !rules) return { ok: false, errors: ctx.errors };
  return { ok: true, rules };
}

/** Validates and returns the clean AST, or throws InvalidSegmentRulesError. */
export function assertValidSegmentRules(input: unknown): SegmentGroup {
  const result = validateSegmentRules(input);
  if (!result.ok) throw new InvalidSegmentRulesError(result.errors);
  return result.rules;
}

interface Context {
  errors: SegmentRuleIssue[];
  conditions: number;
}

function report(ctx: Context, path: string, message: string): void {
  if (ctx.errors.length < MAX_REPORTED_ERRORS) ctx.errors.push({ path, message });
}

function prop(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateGroup(value: unknown, path: string, depth: number, ctx: Context): SegmentGroup | null {
  if (!isRecord(value)) {
    report(ctx, path, 'expected a group { op, rules }');
    return null;
  }
  if (depth > SEGMENT_RULE_LIMITS.maxDepth) {
    report(ctx, path, `groups may nest at most ${SEGMENT_RULE_LIMITS.maxDepth} levels deep`);
    return null;
  }
  let ok = true;
  if (value['op'] !== 'and' && value['op'] !== 'or') {
    report(ctx, prop(path, 'op'), 'expected "and" or "or"');
    ok = false;
  }
  const not = value['not'];
  if (not !== undefined && typeof not !== 'boolean') {
    report(ctx, prop(path, 'not'), 'expected a boolean');
    ok = false;
  }
  const rulesPath = prop(path, 'rules');
  const rawRules = value['rules'];
  if (!Array.isArray(rawRules)) {
    report(ctx, rulesPath, 'expected an array of rules');
    return null;
  }
  const rules: SegmentRule[] = [];
  rawRules.forEach((raw, i) => {
    const rulePath = `${rulesPath}[${i}]`;
    let rule: SegmentRule | null = null;
    if (isRecord(raw) && 'rules' in raw) rule = validateGroup(raw, rulePath, depth + 1, ctx);
    else if (isRecord(raw) && ('field' in raw || 'operator' in raw)) rule = validateCondition(raw, rulePath, ctx);
    else report(ctx, rulePath, 'expected a group { op, rules } or a condition { field, operator, value }');
    if (rule) rules.push(rule);
    else ok = false;
  });
  if (!ok) return null;
  const group: SegmentGroup = { op: value['op'] as SegmentGroup['op'], rules };
  if (not === true) group.not = true;
  return group;
}

function validateCondition(raw: Record<string, unknown>, path: string, ctx: Context): SegmentCondition | null {
  ctx.conditions++;
  const fieldName = raw['field'];
  const operator = raw['operator'];
  let def: SegmentFieldDef | undefined;
  if (typeof fieldName !== 'string') {
    report(ctx, prop(path, 'field'), 'expected a field name');
  } else {
    def = fieldByName(fieldName);
    if (!def) {
      report(
        ctx,
        prop(path, 'field'),
        fieldName.startsWith(ATTRIBUTE_FIELD_PREFIX)
          ? `invalid attribute key "${fieldName.slice(ATTRIBUTE_FIELD_PREFIX.length)}" (use letters, digits, _, space or -, up to 64 characters)`
          : `unknown field "${fieldName}"`,
      );
    }
  }
  if (typeof operator !== 'string' || !(SEGMENT_OPERATORS as readonly string[]).includes(operator)) {
    report(
      ctx,
      prop(path, 'operator'),
      typeof operator === 'string' ? `unknown operator "${operator}"` : 'expected an operator',
    );
    return null;
  }
  if (!def) return null;
  const op = operator as SegmentOperator;
  if (!def.operators.includes(op)) {
    report(
      ctx,
      prop(path, 'operator'),
      `operator "${op}" does not apply to field "${def.name}" (allowed: ${def.operators.join(', ')})`,
    );
    return null;
  }
  const valuePath = prop(path, 'value');
  const before = ctx.errors.length;
  const value = raw['value'];
  const linkId = checkLinkId(def, op, raw['linkId'], prop(path, 'linkId'), ctx);
  if (NO_VALUE_OPERATORS.includes(op)) {
    if (value !== undefined && value !== null) report(ctx, valuePath, `operator "${op}" takes no value`);
    return ctx.errors.length === before ? { field: def.name, operator: op } : null;
  }
  checkValue(def, op, value, valuePath, ctx);
  if (ctx.errors.length !== before) return null;
  if (def.type === 'campaign') {
    // Campaign ids are stored lowercase; the clean copy is too, so the evaluator compares like the database.
    const cond: SegmentCondition = { field: def.name, operator: op, value: (value as string).toLowerCase() };
    if (linkId !== undefined) cond.linkId = linkId;
    return cond;
  }
  return { field: def.name, operator: op, value: Array.isArray(value) ? [...value] : value };
}

/** `linkId` narrows `campaign_engagement … clicked` to one tracked link; anywhere else it is an error. */
function checkLinkId(
  def: SegmentFieldDef,
  op: SegmentOperator,
  linkId: unknown,
  path: string,
  ctx: Context,
): number | undefined {
  if (linkId === undefined || linkId === null) return undefined;
  if (def.type !== 'campaign' || op !== 'clicked') {
    report(ctx, path, 'linkId applies only to field "campaign_engagement" with operator "clicked"');
    return undefined;
  }
  if (typeof linkId !== 'number' || !Number.isInteger(linkId) || linkId < 1 || linkId > MAX_LINK_ID) {
    report(ctx, path, 'expected a link id (a positive whole number)');
    return undefined;
  }
  return linkId;
}

function checkValue(def: SegmentFieldDef, op: SegmentOperator, value: unknown, path: string, ctx: Context): void {
  const integer = def.integer === true;
  switch (def.type) {
    case 'string':
      if (def.attributeKey !== undefined && op === 'between') return checkBetween(value, path, false, ctx);
      if (def.attributeKey !== undefined && ORDER_OPERATORS.includes(op)) {
        if ((op === 'eq' || op === 'neq') && typeof value === 'string') return checkString(value, path, ctx);
        return checkNumber(value, path, false, ctx);
      }
      if (op === 'in') return checkList(value, path, ctx, (v, p) => checkString(v, p, ctx));
      return checkString(value, path, ctx);
    case 'enum': {
      const allowed = def.enumValues ?? [];
      const checkMember = (v: unknown, p: string) => {
        if (typeof v !== 'string' || !allowed.includes(v)) report(ctx, p, `expected one of ${allowed.join(', ')}`);
      };
      if (op === 'in') return checkList(value, path, ctx, checkMember);
      return checkMember(value, path);
    }
    case 'number':
    case 'currency': {
      const unit = def.eventCount ? 'events' : 'days';
      if (op === 'between') return checkBetween(value, path, integer, ctx, unit);
      return checkNumber(value, path, integer, ctx, unit);
    }
    case 'campaign':
      if (!isCampaignId(value)) report(ctx, path, 'expected a campaign id (UUID)');
      return;
    case 'date':
      if (op === 'before' || op === 'after') {
        if (typeof value !== 'string' || !parseRuleDate(value)) {
          report(ctx, path, 'expected an ISO date (YYYY-MM-DD or an ISO 8601 date-time)');
        }
        return;
      }
      return checkNumber(value, path, true, ctx);
    case 'tags':
      return checkList(value, path, ctx, (v, p) => checkString(v, p, ctx));
    case 'boolean':
      return;
  }
}

function checkString(value: unknown, path: string, ctx: Context): void {
  if (typeof value !== 'string') return report(ctx, path, 'expected a string');
  if (value.length > SEGMENT_RULE_LIMITS.maxStringLength) {
    return report(ctx, path, `must be at most ${SEGMENT_RULE_LIMITS.maxStringLength} characters`);
  }
  // Postgres text cannot hold NUL, and lone surrogates cannot be encoded as UTF-8.
  if (value.includes('\u0000') || LONE_SURROGATE.test(value))
    report(ctx, path, 'contains characters that cannot be stored');
}

/** `unit` names what whole numbers count: day counts and event counts share the same bounds. */
function checkNumber(value: unknown, path: string, integer: boolean, ctx: Context, unit = 'days'): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return report(ctx, path, integer ? `expected a whole number of ${unit}` : 'expected a number');
  }
  if (integer && (!Number.isInteger(value) || value < 0 || value > SEGMENT_RULE_LIMITS.maxDays)) {
    report(ctx, path, `expected a whole number of ${unit} between 0 and ${SEGMENT_RULE_LIMITS.maxDays}`);
  }
}

function checkBetween(value: unknown, path: string, integer: boolean, ctx: Context, unit = 'days'): void {
  if (!Array.isArray(value) || value.length !== 2) return report(ctx, path, 'expected [min, max]');
  const before = ctx.errors.length;
  checkNumber(value[0], `${path}[0]`, integer, ctx, unit);
  checkNumber(value[1], `${path}[1]`, integer, ctx, unit);
  if (ctx.errors.length === before && (value[0] as number) > (value[1] as number)) {
    report(ctx, path, 'expected [min, max] with min ≤ max');
  }
}

function checkList(value: unknown, path: string, ctx: Context, checkItem: (item: unknown, path: string) => void): void {
  if (!Array.isArray(value) || value.length === 0) return report(ctx, path, 'expected a non-empty list');
  if (value.length > SEGMENT_RULE_LIMITS.maxListValues) {
    return report(ctx, path, `expected at most ${SEGMENT_RULE_LIMITS.maxListValues} values (got ${value.length})`);
  }
  value.forEach((item, i) => checkItem(item, `${path}[${i}]`));
}
