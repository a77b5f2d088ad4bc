import type { SegmentCondition } from '@mini-crm/contracts';
import { CMP, comparison, POSTFIX, regexMatcher, type PhraseMatcher } from './phrase-match.util';
import { NEGATION, RECENT_WINDOW } from './phrase-matchers';
import { COUNT_SOURCE, DURATION_SOURCE, parseCount, parseDurationDays } from './phrase-numbers.util';

/**
 * E-mail and SMS engagement through the fields the segment engine evaluates: last_opened_at,
 * last_clicked_at and the 90-day counts opens_90d / clicks_90d. A named campaign ("clicked our
 * last campaign") needs a campaign id, which a phrase does not carry, so it is left unrecognized.
 */
const OPEN = String.raw`(?:opened|open|read)(?:\s+(?:an?|any|our)\s+(?:e-?mails?|messages?|newsletters?|campaigns?))?`;
const CLICK = String.raw`(?:clicked|click|tapped)(?:\s+(?:on\s+)?(?:a|any|our)\s+(?:links?|e-?mails?|messages?|campaigns?))?`;
const COUNT_WINDOW = String.raw`(?:\s+(?:in|within|over|during)\s+the\s+(?:last|past)\s+(?:90 days|3 months|three months|quarter))?`;

function eventField(verb: string): { date: string; count: string } {
  return /^(?:clicked|click|tapped)/.test(verb)
    ? { date: 'last_clicked_at', count: 'clicks_90d' }
    : { date: 'last_opened_at', count: 'opens_90d' };
}

export const ENGAGEMENT_MATCHERS: PhraseMatcher[] = [
  // never opened / never clicked
  regexMatcher(String.raw`never\s+(${OPEN}|${CLICK})(?:\s+anything)?`, (m) => ({
    field: eventField(m[1]).date,
    operator: 'is_empty',
  })),
  // not opened / clicked in N days
  regexMatcher(
    String.raw`${NEGATION}\s+(${OPEN}|${CLICK})\s+(?:anything\s+)?(?:in|for|within|during)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:over\s+|more than\s+)?${DURATION_SOURCE}`,
    (m) => ({ field: eventField(m[1]).date, operator: 'more_than_days_ago', value: parseDurationDays(m[2], m[3]) }),
  ),
  // opened / clicked in the last N days
  regexMatcher(String.raw`(${OPEN}|${CLICK})\s+${RECENT_WINDOW}${DURATION_SOURCE}`, (m) => ({
    field: eventField(m[1]).date,
    operator: 'within_last_days',
    value: parseDurationDays(m[2], m[3]),
  })),
  // clicked more than 3 times / opened at least 5 emails (the last 90 days)
  regexMatcher(
    String.raw`(opened|clicked)\s+(?:${CMP}\s+)?${COUNT_SOURCE}(?:\s+(?:times?|e-?mails?|messages?|links?))?${POSTFIX}${COUNT_WINDOW}`,
    (m) => countRule(eventField(m[1]).count, m[2], m[3], m[4] ?? m[5]),
  ),
  // at least 3 clicks / no opens (the last 90 days)
  regexMatcher(
    String.raw`(?:${CMP}\s+)?(\d+|no|zero|${COUNT_SOURCE.slice(1, -1)})(?:\s+(or more|or fewer|or less))?\s+(e-?mail\s+)?(opens|clicks|click|open)${POSTFIX}${COUNT_WINDOW}`,
    (m) => {
      const field = m[5].startsWith('click') ? 'clicks_90d' : 'opens_90d';
      if (m[2] === 'no' || m[2] === 'zero') return { field, operator: 'eq', value: 0 };
      return countRule(field, m[1], m[2], m[3] ?? m[6] ?? m[7]);
    },
  ),
];

function countRule(
  field: string,
  cmp: string | undefined,
  count: string,
  postfix: string | undefined,
): SegmentCondition | null {
  const n = parseCount(count);
  if (n === undefined) return null;
  return { field, operator: comparison(cmp, postfix), value: n };
}
