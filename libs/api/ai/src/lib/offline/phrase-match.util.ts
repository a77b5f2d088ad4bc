import type { RecentCampaign } from '../providers/ai-provider.types';
import type { SegmentRule } from '@mini-crm/contracts';

/** What every matcher may read besides the text: the clock relative dates resolve against. */
export interface PhraseContext {
  now: Date;
  /** Campaigns launched most recently, newest first. */
  campaigns: readonly RecentCampaign[];
}

export interface PhraseMatch {
  end: number;
  /** A condition, or a group (a window with start and end, a negated list). */
  condition: SegmentRule;
}

export type PhraseMatcher = (text: string, pos: number, ctx: PhraseContext) => PhraseMatch | null;

export type Comparison = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';

const COMPARISONS: [RegExp, Comparison][] = [
  [/^(?:at least|no less than|not less than|minimum(?: of)?|min|>=)$/, 'gte'],
  [/^(?:at most|no more than|not more than|up to|maximum(?: of)?|max|<=)$/, 'lte'],
  [/^(?:more than|over|above|greater than|exceeding|exceeds|exceed|in excess of|upwards of|higher than|>)$/, 'gt'],
  [/^(?:less than|fewer than|under|below|lower than|<)$/, 'lt'],
  [/^(?:exactly|=|equal to)$/, 'eq'],
];
/** A comparison word before a number (group). */
export const CMP = String.raw`(at least|no less than|not less than|minimum of|minimum|min|at most|no more than|not more than|up to|maximum of|maximum|max|more than|over|above|greater than|higher than|exceeding|exceeds|exceed|in excess of|upwards of|less than|fewer than|under|below|lower than|exactly|equal to|>=|<=|>|<|=)`;
/** "or more", "or less", "+" after a number (two groups). */
export const POSTFIX = String.raw`(?:\s+(or more|or above|or over|or higher|or less|or fewer|or below|or lower)|\s*(\+))?`;
const END = String.raw`(?=$|[\s,])`;

export function comparison(word: string | undefined, postfix?: string): Comparison {
  if (postfix) return /more|above|over|higher|\+/.test(postfix) ? 'gte' : 'lte';
  if (!word) return 'eq';
  return COMPARISONS.find(([re]) => re.test(word))?.[1] ?? 'eq';
}

/** A matcher from a sticky regex; `build` may decline (null) so later matchers get their turn. */
export function regexMatcher(
  source: string,
  build: (m: RegExpExecArray, ctx: PhraseContext) => SegmentRule | null,
): PhraseMatcher {
  const re = new RegExp(source + END, 'y');
  return (text, pos, ctx) => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return null;
    const condition = build(m, ctx);
    return condition ? { end: pos + m[0].length, condition } : null;
  };
}

/** Lower case, one kind of quote and dash, "&" as "and", commas spaced, sentence punctuation dropped. */
export function normalizePhrase(input: string): string {
  return input
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/&/g, ' and ')
    .replace(/,(?!\d{2})/g, ' , ')
    .replace(/[.!?;]+(?=\s|$)/g, (m, offset: number, s: string) => (/rs$/.test(s.slice(0, offset)) ? m : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
