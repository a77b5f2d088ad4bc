import {
  fieldByName,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentFieldDef,
  type SegmentGroup,
  type SegmentOperator,
  type SegmentRule,
} from '@mini-crm/contracts';

/** Position of a rule in the tree: indexes into `rules` from the root group. */
export type RulePath = readonly number[];

/** The AST path the engine and API use in error details, e.g. `rules[1].rules[0]` (root is ''). */
export function rulePathKey(path: RulePath): string {
  return path.map((i) => `rules[${i}]`).join('.');
}

export function emptyGroup(op: SegmentGroup['op'] = 'and'): SegmentGroup {
  return { op, rules: [] };
}

export const DEFAULT_FIELD = 'total_spend';

export function newCondition(fieldName = DEFAULT_FIELD): SegmentCondition {
  const def = fieldByName(fieldName);
  const operator = def ? preferredOperator(def) : 'eq';
  return { field: fieldName, operator, value: def ? defaultValue(def, operator, undefined) : '' };
}

/** The operator a fresh condition on this field starts with. */
export function preferredOperator(def: SegmentFieldDef): SegmentOperator {
  const preferred: SegmentOperator[] =
    def.type === 'currency' || def.type === 'number'
      ? ['gt']
      : def.type === 'date'
        ? ['within_last_days']
        : def.type === 'tags'
          ? ['has_any']
          : def.type === 'campaign'
            ? ['clicked']
            : [];
  return preferred.find((op) => def.operators.includes(op)) ?? def.operators[0];
}

export const NO_VALUE_OPERATORS: readonly SegmentOperator[] = ['is_empty', 'is_true', 'is_false'];
const LIST_OPERATORS: readonly SegmentOperator[] = ['in', 'has_any', 'has_all', 'has_none'];
const DAY_OPERATORS: readonly SegmentOperator[] = ['within_last_days', 'more_than_days_ago'];

export type ValueKind =
  | 'none'
  | 'text'
  | 'number'
  | 'currency'
  | 'days'
  | 'count'
  | 'campaign'
  | 'date'
  | 'range'
  | 'list'
  | 'enum'
  | 'enum-list';

/** Which editor a condition's value needs. */
export function valueKind(def: SegmentFieldDef, op: SegmentOperator): ValueKind {
  if (NO_VALUE_OPERATORS.includes(op)) return 'none';
  if (def.type === 'campaign') return 'campaign';
  if (op === 'between') return 'range';
  if (def.type === 'enum') return op === 'in' ? 'enum-list' : 'enum';
  if (LIST_OPERATORS.includes(op)) return 'list';
  if (def.type === 'date') return DAY_OPERATORS.includes(op) ? 'days' : 'date';
  if (def.type === 'currency') return 'currency';
  if (def.type === 'number') return def.eventCount ? 'count' : def.integer ? 'days' : 'number';
  if (def.attributeKey !== undefined && ['gt', 'gte', 'lt', 'lte'].includes(op)) return 'number';
  return 'text';
}

/** A value for `op` on `def`, keeping as much of `previous` as still makes sense. */
export function defaultValue(def: SegmentFieldDef, op: SegmentOperator, previous: unknown): unknown {
  const kind = valueKind(def, op);
  const prevNumber =
    typeof previous === 'number'
      ? previous
      : Array.isArray(previous) && typeof previous[0] === 'number'
        ? previous[0]
        : null;
  const prevText =
    typeof previous === 'string'
      ? previous
      : Array.isArray(previous) && typeof previous[0] === 'string'
        ? previous[0]
        : null;
  switch (kind) {
    case 'none':
      return undefined;
    case 'range':
      return Array.isArray(previous) &&
        previous.length === 2 &&
        previous.every((v) => typeof v === 'number' || v === null)
        ? previous
        : [prevNumber, null];
    case 'list':
      return Array.isArray(previous) ? previous.filter((v) => typeof v === 'string') : prevText ? [prevText] : [];
    case 'enum': {
      const allowed = def.enumValues ?? [];
      return prevText && allowed.includes(prevText) ? prevText : allowed[0];
    }
    case 'enum-list': {
      const allowed = def.enumValues ?? [];
      return Array.isArray(previous)
        ? previous.filter((v) => allowed.includes(v as string))
        : prevText && allowed.includes(prevText)
          ? [prevText]
          : [];
    }
    case 'days':
      return prevNumber !== null && Number.isInteger(prevNumber) && prevNumber >= 0 ? prevNumber : 30;
    case 'count':
      return prevNumber !== null && Number.isInteger(prevNumber) && prevNumber >= 0 ? prevNumber : 1;
    case 'campaign':
      return prevText && CAMPAIGN_ID.test(prevText) ? prevText : '';
    case 'number':
    case 'currency':
      return prevNumber;
    case 'date':
      return prevText && /^\d{4}-\d{2}-\d{2}/.test(prevText) ? prevText : '';
    case 'text':
      return prevText ?? '';
  }
}

/** Switch a condition to another field: keep the operator when the new field supports it. */
export function withField(cond: SegmentCondition, fieldName: string): SegmentCondition {
  const def = fieldByName(fieldName);
  if (!def) return { field: fieldName, operator: cond.operator, value: cond.value };
  const sameType = fieldByName(cond.field)?.type === def.type;
  const operator = sameType && def.operators.includes(cond.operator) ? cond.operator : preferredOperator(def);
  const value = defaultValue(def, operator, sameType ? cond.value : undefined);
  return clean({ field: fieldName, operator, value });
}

/** Switch the operator; a link narrowing (`linkId`) survives only while the operator stays `clicked`. */
export function withOperator(cond: SegmentCondition, operator: SegmentOperator): SegmentCondition {
  const def = fieldByName(cond.field);
  const next = clean({
    field: cond.field,
    operator,
    value: def ? defaultValue(def, operator, cond.value) : cond.value,
  });
  return operator === 'clicked' && cond.linkId !== undefined ? { ...next, linkId: cond.linkId } : next;
}

/** Pick another campaign (its links differ, so any link narrowing is dropped). */
export function withCampaign(cond: SegmentCondition, campaignId: string): SegmentCondition {
  return { field: cond.field, operator: cond.operator, value: campaignId };
}

/** Narrow a `clicked` condition to one link, or widen it back to any link (null). */
export function withLink(cond: SegmentCondition, linkId: number | null): SegmentCondition {
  const next: SegmentCondition = { field: cond.field, operator: cond.operator, value: cond.value };
  if (linkId !== null && cond.operator === 'clicked') next.linkId = linkId;
  return next;
}

const CAMPAIGN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function clean(cond: SegmentCondition): SegmentCondition {
  if (cond.value === undefined) return { field: cond.field, operator: cond.operator };
  return cond;
}

/** Immutable update of the rule at `path` (the root group for []). */
export function updateRule(root: SegmentGroup, path: RulePath, fn: (rule: SegmentRule) => SegmentRule): SegmentGroup {
  if (path.length === 0) {
    const next = fn(root);
    return isSegmentGroup(next) ? next : root;
  }
  const [head, ...rest] = path;
  const child = root.rules[head];
  if (child === undefined) return root;
  const replaced = rest.length === 0 ? fn(child) : isSegmentGroup(child) ? updateRule(child, rest, fn) : child;
  return { ...root, rules: root.rules.map((r, i) => (i === head ? replaced : r)) };
}

export function removeRule(root: SegmentGroup, path: RulePath): SegmentGroup {
  if (path.length === 0) return root;
  const parent = path.slice(0, -1);
  const index = path[path.length - 1];
  return updateRule(root, parent, (g) =>
    isSegmentGroup(g) ? { ...g, rules: g.rules.filter((_, i) => i !== index) } : g,
  );
}

export function appendRule(root: SegmentGroup, groupPath: RulePath, rule: SegmentRule): SegmentGroup {
  return updateRule(root, groupPath, (g) => (isSegmentGroup(g) ? { ...g, rules: [...g.rules, rule] } : g));
}

export function countConditions(group: SegmentGroup): number {
  return group.rules.reduce((n, r) => n + (isSegmentGroup(r) ? countConditions(r) : 1), 0);
}

/** Depth of the deepest group (the root alone is 1). */
export function groupDepth(group: SegmentGroup): number {
  return 1 + Math.max(0, ...group.rules.filter(isSegmentGroup).map(groupDepth));
}
