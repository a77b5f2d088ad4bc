import type { SegmentCondition, SegmentRule } from '@mini-crm/contracts';
import { afterValue, beforeValue, type DateWindow, PERIOD_SOURCE, resolvePeriod } from './phrase-dates.util';
import { regexMatcher, type PhraseMatcher } from './phrase-match.util';
import { ACTIVE_ACT, NEGATION, ORDER_ACT } from './phrase-matchers';

type DateField =
  | 'created_at'
  | 'first_order_at'
  | 'last_order_at'
  | 'last_active_at'
  | 'last_opened_at'
  | 'last_clicked_at';

const JOIN_ACT = String.raw`(joined|signed up|registered|became (?:a )?customers?|created (?:an |their )?accounts?)`;
const FIRST_ORDER_ACT = String.raw`((?:made|placed) (?:their|a|the) first (?:order|purchase)|first (?:ordered|purchased|bought))`;
const OPEN_ACT = String.raw`(opened(?:\s+(?:(?:an?|any|our)\s+)?(?:e-?mails?|messages?|newsletters?))?)`;
const CLICK_ACT = String.raw`(clicked(?:\s+(?:(?:an?|any|our)\s+)?(?:links?|e-?mails?|messages?))?)`;

/** "ordered since January", "joined last quarter", "haven't ordered since march", "clicked this month". */
export const DATE_MATCHERS: PhraseMatcher[] = [
  regexMatcher(
    String.raw`(?:(${NEGATION})\s+)?(?:${FIRST_ORDER_ACT}|${JOIN_ACT}|${ORDER_ACT}|${ACTIVE_ACT}|${OPEN_ACT}|${CLICK_ACT})\s+(?:anything\s+|something\s+|any\s+emails?\s+)?${PERIOD_SOURCE}`,
    (m, ctx) => {
      const [negation, firstOrder, join, order, active, open, click, ...period] = m.slice(1);
      const window = resolvePeriod(period, ctx.now);
      if (!window) return null;
      const field: DateField = firstOrder
        ? 'first_order_at'
        : join
          ? 'created_at'
          : order
            ? 'last_order_at'
            : active
              ? 'last_active_at'
              : open
                ? 'last_opened_at'
                : click
                  ? 'last_clicked_at'
                  : 'last_order_at';
      return negation ? negatedWindow(field, window) : windowRule(field, window);
    },
  ),
];

/** The conditions for "the timestamp falls in this window". */
export function windowRule(field: string, window: DateWindow): SegmentRule {
  const rules: SegmentCondition[] = [];
  if (window.start) rules.push({ field, operator: 'after', value: afterValue(window.start) });
  if (window.end) rules.push({ field, operator: 'before', value: beforeValue(window.end) });
  return rules.length === 1 ? rules[0] : { op: 'and', rules };
}

/**
 * "Has not ordered since X": the last order is before X. "Has not ordered last month": no last
 * order inside that window (customers without any order count too).
 */
function negatedWindow(field: string, window: DateWindow): SegmentRule {
  if (window.start && !window.end) return { field, operator: 'before', value: beforeValue(window.start) };
  const inside = windowRule(field, window);
  return { op: 'and', not: true, rules: 'rules' in inside ? inside.rules : [inside] };
}
