import type { SegmentFieldCategory, SegmentFieldDef, SegmentOperator } from '@mini-crm/contracts';
import { codeLabel } from '@mini-crm/console/ui/util';

const GENERIC: Record<SegmentOperator, string> = {
  eq: 'is',
  neq: 'is not',
  contains: 'contains',
  starts_with: 'starts with',
  in: 'is any of',
  is_empty: 'is empty',
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  between: 'between',
  before: 'before',
  after: 'after',
  within_last_days: 'within the last … days',
  more_than_days_ago: 'more than … days ago',
  has_any: 'has any of',
  has_all: 'has all of',
  has_none: 'has none of',
  is_true: 'is yes',
  is_false: 'is no',
  received: 'received',
  delivered: 'was delivered',
  opened: 'opened',
  clicked: 'clicked',
  converted: 'converted from',
  not_opened: 'received, did not open',
  not_clicked: 'received, did not click',
};

/** Human operator label, worded for the field's type ("exactly" for amounts, "never" for dates…). */
export function operatorLabel(def: SegmentFieldDef | undefined, op: SegmentOperator): string {
  const type = def?.type;
  if (op === 'is_empty') {
    if (type === 'tags') return 'has no tags';
    if (type === 'date') return 'never / not set';
    return 'is empty';
  }
  if ((type === 'number' || type === 'currency') && op === 'eq') return 'exactly';
  if (def?.attributeKey !== undefined && ['gt', 'gte', 'lt', 'lte'].includes(op)) return `${GENERIC[op]} (number)`;
  return GENERIC[op];
}

export const CATEGORY_LABELS: Record<SegmentFieldCategory, string> = {
  profile: 'Profile',
  purchases: 'Purchases',
  activity: 'Activity',
  engagement: 'Engagement',
  consent: 'Consent',
  tags: 'Tags',
  attributes: 'Custom attributes',
  predictions: 'Predictions',
};

export const CATEGORY_ORDER: readonly SegmentFieldCategory[] = [
  'purchases',
  'predictions',
  'profile',
  'activity',
  'engagement',
  'tags',
  'consent',
  'attributes',
];

/** Enum values read better capitalised, with spaces (RFM segments: `cant_lose` → "Can't lose them"). */
export function enumLabel(value: string): string {
  if (value === 'cant_lose') return "Can't lose them";
  return codeLabel(value);
}
