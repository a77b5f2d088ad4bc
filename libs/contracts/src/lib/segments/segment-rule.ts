/**
 * The segment-rule AST (DESIGN §5): one shape shared by the console builder, the API, the
 * engine and the AI. Field names are the snake_case identifiers of the field registry.
 */
export type GroupOp = 'and' | 'or';

export interface SegmentCondition {
  field: string;
  operator: SegmentOperator;
  value?: unknown;
  /**
   * `campaign_engagement` + `clicked` only: narrows the condition to clicks on one tracked link
   * (a `campaign_links` id of the campaign named by `value`).
   */
  linkId?: number;
}

export interface SegmentGroup {
  op: GroupOp;
  not?: boolean;
  rules: SegmentRule[];
}

export type SegmentRule = SegmentGroup | SegmentCondition;

export type StringOperator = 'eq' | 'neq' | 'contains' | 'starts_with' | 'in' | 'is_empty';
export type NumberOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'is_empty';
export type DateOperator = 'before' | 'after' | 'within_last_days' | 'more_than_days_ago' | 'is_empty';
export type TagsOperator = 'has_any' | 'has_all' | 'has_none';
export type BooleanOperator = 'is_true' | 'is_false';
/** Operators of `campaign_engagement`; the value is a campaign id. Opens and clicks are human ones only. */
export type EngagementOperator =
  | 'received'
  | 'delivered'
  | 'opened'
  | 'clicked'
  | 'converted'
  | 'not_opened'
  | 'not_clicked';
export type SegmentOperator =
  | StringOperator
  | NumberOperator
  | DateOperator
  | TagsOperator
  | BooleanOperator
  | EngagementOperator;

export function isSegmentGroup(rule: SegmentRule): rule is SegmentGroup {
  return typeof rule === 'object' && rule !== null && Array.isArray((rule as SegmentGroup).rules);
}
