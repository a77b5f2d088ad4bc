import type { SegmentCondition, SegmentOperator, SegmentRule } from '@mini-crm/contracts';

/** Operators whose opposite is another operator on the same field (customers without a value match neither). */
const OPPOSITES: Partial<Record<SegmentOperator, SegmentOperator>> = {
  eq: 'neq',
  neq: 'eq',
  gt: 'lte',
  gte: 'lt',
  lt: 'gte',
  lte: 'gt',
  has_any: 'has_none',
  has_none: 'has_any',
  within_last_days: 'more_than_days_ago',
  more_than_days_ago: 'within_last_days',
  is_true: 'is_false',
  is_false: 'is_true',
  // "did not open our last campaign": recipients who did not open it (not everyone else too)
  opened: 'not_opened',
  not_opened: 'opened',
  clicked: 'not_clicked',
  not_clicked: 'clicked',
};

/**
 * "not from Chennai" → city neq Chennai; "not in Pune or Delhi" → city neq Pune and city neq
 * Delhi; "not champions" → rfm_segment neq champions. What has no opposite operator (a range, a
 * date window, is_empty) becomes a negated group.
 */
export function negateRule(rule: SegmentRule): SegmentRule {
  if ('rules' in rule) return rule.not ? { op: rule.op, rules: rule.rules } : { ...rule, not: true };
  if (rule.operator === 'in' && Array.isArray(rule.value)) {
    const rules: SegmentCondition[] = rule.value.map((value) => ({ field: rule.field, operator: 'neq', value }));
    return rules.length === 1 ? rules[0] : { op: 'and', rules };
  }
  const opposite = OPPOSITES[rule.operator];
  if (opposite) return { ...rule, operator: opposite };
  return { op: 'and', not: true, rules: [rule] };
}
