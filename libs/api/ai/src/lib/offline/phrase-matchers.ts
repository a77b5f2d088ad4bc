import type { SegmentCondition } from '@mini-crm/contracts';
import { CMP, comparison, POSTFIX, regexMatcher, type PhraseMatcher } from './phrase-match.util';
import {
  AMOUNT_SOURCE,
  COUNT_SOURCE,
  DURATION_SOURCE,
  parseAmount,
  parseCount,
  parseDurationDays,
} from './phrase-numbers.util';

const SPEND = String.raw`(?:spent|spends|spend|spending|total spend(?:ing)?(?: is| of)?|lifetime spend(?:ing)?(?: of)?|with (?:a )?(?:total )?spend(?:ing)?(?: of)?)`;
const ORDER_VERB = String.raw`(?:ordered|purchased|bought|shopped|placed (?:an )?orders?|made (?:a )?purchases?)`;
export const NEGATION = String.raw`(?:not|never|no|haven't|havent|hasn't|hasnt|have not|has not|did not|didn't|didnt|not yet)`;
export const ORDER_ACT = String.raw`(ordered|order|purchased|purchase|bought|shopped|placed an order|made a purchase)`;
export const ACTIVE_ACT = String.raw`(been active|active|logged in|logged on|engaged|been seen|visited|visit|been back|come back|returned)`;
export const RECENT_WINDOW = String.raw`(?:within\s+(?:the\s+)?(?:last\s+|past\s+)?|in\s+(?:the\s+)?(?:last|past)\s+|(?:during|over)\s+the\s+(?:last|past)\s+)`;

function activityField(act: string): 'last_order_at' | 'last_active_at' {
  return new RegExp(`^${ORDER_ACT}$`).test(act) ? 'last_order_at' : 'last_active_at';
}

export const REGEX_MATCHERS: PhraseMatcher[] = [
  // subscribed to email / sms subscribers / unsubscribed from email
  regexMatcher(
    String.raw`(?:(subscribed|opted[- ]in|signed up)\s+(?:to|for)\s+(?:the\s+)?(e-?mails?|newsletters?|sms|texts?|text messages)|(unsubscribed|opted[- ]out)\s+(?:from|of)\s+(?:the\s+)?(e-?mails?|newsletters?|sms|texts?|text messages)|(e-?mail|newsletter|sms)\s+subscribers)`,
    (m) => {
      const channel = m[2] ?? m[4] ?? m[5];
      const field = /^(?:sms|text)/.test(channel) ? 'sms_status' : 'email_status';
      return { field, operator: 'eq', value: m[3] ? 'unsubscribed' : 'subscribed' };
    },
  ),
  // joined / signed up in the last N days, more than N days ago, before/after a date
  regexMatcher(
    String.raw`(?:joined|signed up|registered|became (?:a )?customers?|created (?:an |their )?accounts?|new (?:customers?|sign-?ups?))\s+(?:${RECENT_WINDOW}${DURATION_SOURCE}|(?:more than|over)\s+${DURATION_SOURCE}\s+ago|(before|after|since)\s+(\d{4}-\d{2}-\d{2}))`,
    (m) => {
      if (m[2]) return { field: 'created_at', operator: 'within_last_days', value: parseDurationDays(m[1], m[2]) };
      if (m[4]) return { field: 'created_at', operator: 'more_than_days_ago', value: parseDurationDays(m[3], m[4]) };
      return { field: 'created_at', operator: m[5] === 'before' ? 'before' : 'after', value: m[6] };
    },
  ),
  // not ordered / active / visited in N days
  regexMatcher(
    String.raw`${NEGATION}\s+(?:${ORDER_ACT}|${ACTIVE_ACT})\s+(?:anything\s+)?(?:in|for|within|during|since)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:over\s+|more than\s+)?${DURATION_SOURCE}`,
    (m) => ({
      field: activityField(m[1] ?? m[2]),
      operator: 'more_than_days_ago',
      value: parseDurationDays(m[3], m[4]),
    }),
  ),
  // inactive / dormant for N days
  regexMatcher(
    String.raw`(?:inactive|dormant|lapsed)\s+(?:for|in|over|since)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:over\s+|more than\s+)?${DURATION_SOURCE}`,
    (m) => ({
      field: 'last_active_at',
      operator: 'more_than_days_ago',
      value: parseDurationDays(m[1], m[2]),
    }),
  ),
  // last ordered more than N days ago
  regexMatcher(
    String.raw`last\s+(?:${ORDER_ACT}|${ACTIVE_ACT}|order(?: was)?)\s+(?:more than|over)\s+${DURATION_SOURCE}\s+ago`,
    (m) => ({
      field: m[1] || !m[2] ? 'last_order_at' : 'last_active_at',
      operator: 'more_than_days_ago',
      value: parseDurationDays(m[3], m[4]),
    }),
  ),
  // ordered / active in the last N days
  regexMatcher(String.raw`(?:${ORDER_ACT}|${ACTIVE_ACT})\s+${RECENT_WINDOW}${DURATION_SOURCE}`, (m) => ({
    field: activityField(m[1] ?? m[2]),
    operator: 'within_last_days',
    value: parseDurationDays(m[3], m[4]),
  })),
  // never ordered / no orders
  regexMatcher(
    String.raw`(?:never\s+${ORDER_ACT}(?:\s+anything)?|(?:no|zero|0)\s+(?:orders|purchases)(?:\s+yet)?|(?:yet to|not yet)\s+${ORDER_ACT}|${NEGATION}\s+${ORDER_ACT}(?:\s+(?:yet|ever|anything))*)`,
    () => ({
      field: 'order_count',
      operator: 'eq',
      value: 0,
    }),
  ),
  // spent between A and B
  regexMatcher(String.raw`${SPEND}\s+(?:between|from)\s+${AMOUNT_SOURCE}\s+(?:and|to|-)\s+${AMOUNT_SOURCE}`, (m) => {
    const [low, high] = [parseAmount(m[1], m[2], m[3]), parseAmount(m[4], m[5], m[6])].sort((a, b) => a - b);
    return { field: 'total_spend', operator: 'between', value: [low, high] };
  }),
  // spent 5k-20k / spent 5k to 20k
  regexMatcher(String.raw`${SPEND}\s+${AMOUNT_SOURCE}\s*(?:-|to)\s*${AMOUNT_SOURCE}`, (m) => {
    const [low, high] = [parseAmount(m[1], m[2], m[3]), parseAmount(m[4], m[5], m[6])].sort((a, b) => a - b);
    return { field: 'total_spend', operator: 'between', value: [low, high] };
  }),
  // spent more than N / spent N or more (in total)
  regexMatcher(
    String.raw`${SPEND}\s+(?:${CMP}\s*)?${AMOUNT_SOURCE}${POSTFIX}(?:\s+(?:in total|overall|so far|in all))?`,
    (m) => {
      if (!m[1] && !m[5] && !m[6]) return null;
      return { field: 'total_spend', operator: comparison(m[1], m[5] ?? m[6]), value: parseAmount(m[2], m[3], m[4]) };
    },
  ),
  // ordered between 2 and 5 times / between 2 and 5 orders / 2-5 orders
  regexMatcher(
    String.raw`(?:${ORDER_VERB}\s+(?:between|from)\s+${COUNT_SOURCE}\s+(?:and|to|-)\s+${COUNT_SOURCE}(?:\s+times)?|(?:(?:placed|made)\s+)?(?:between\s+|from\s+)?${COUNT_SOURCE}\s*(?:and|to|-)\s*${COUNT_SOURCE}\s+(?:orders|purchases))`,
    (m) => {
      const [low, high] = [m[1] ?? m[3], m[2] ?? m[4]].map(parseCount).sort((a, b) => a - b);
      return { field: 'order_count', operator: 'between', value: [low, high] };
    },
  ),
  // ordered more than N times / ordered once
  regexMatcher(String.raw`${ORDER_VERB}\s+(?:${CMP}\s+)?${COUNT_SOURCE}(?:\s+times?)?${POSTFIX}`, (m) =>
    countCondition(m[1], m[2], m[3] ?? m[4]),
  ),
  // at least N orders / 3 or more orders
  regexMatcher(
    String.raw`(?:(?:placed|made)\s+)?(?:${CMP}\s+)?${COUNT_SOURCE}(?:\s+(or more|or fewer|or less))?\s+(?:orders?|purchases?)${POSTFIX}`,
    (m) => countCondition(m[1], m[2], m[3] ?? m[4] ?? m[5]),
  ),
];

function countCondition(cmp: string | undefined, count: string, postfix: string | undefined): SegmentCondition | null {
  const n = parseCount(count);
  if (n === undefined) return null;
  return { field: 'order_count', operator: comparison(cmp, postfix), value: n };
}
