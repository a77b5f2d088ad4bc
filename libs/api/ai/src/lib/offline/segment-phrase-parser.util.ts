import type { SegmentCondition, SegmentGroup, SegmentRule } from '@mini-crm/contracts';
import { AiUnderstandingError } from '../providers/ai.errors';
import type { RecentCampaign } from '../providers/ai-provider.types';
import { DATE_MATCHERS } from './date-matchers';
import { CAMPAIGN_MATCHERS } from './campaign-matchers';
import { ENGAGEMENT_MATCHERS } from './engagement-matchers';
import { normalizePhrase, type PhraseContext, type PhraseMatch, type PhraseMatcher } from './phrase-match.util';
import { REGEX_MATCHERS } from './phrase-matchers';
import { negateRule } from './phrase-negation.util';
import { AND_WORDS, EITHER_WORD, FILLER_WORDS, NEGATION_WORDS, OR_WORDS, STOP_WORDS } from './phrase-words';
import { PREDICTION_MATCHERS } from './prediction-matchers';

const CITY_PREFIX =
  /(?:(?:lives?|living|located|based|resides?|residing)\s+(in|outside(?:\s+of)?)|from|in|(outside(?:\s+of)?))\s+(?:either\s+)?/y;
const TAG_PREFIX =
  /(not\s+tagged(?:\s+as|\s+with)?|without\s+(?:the\s+)?tags?|tagged(?:\s+as|\s+with)?|(?:with|having|has)\s+(?:the\s+)?tags?|tag)\s+/y;

interface Token {
  word: string;
  end: number;
}

export interface ParseOptions {
  /** The clock relative dates ("since January", "last quarter") resolve against; default now. */
  now?: Date;
  /** Campaigns launched most recently, newest first ("clicked our last campaign"). */
  campaigns?: readonly RecentCampaign[];
}

/** Conditions of one "and" branch, and an open "either … or …" group inside it. */
interface Branch {
  rules: SegmentRule[];
  either: SegmentRule[][] | null;
}

/**
 * Turns a plain-language audience description into a segment AST. Conditions joined by
 * "and"/"but"/"who"/commas form a group; "or" separates groups, so "and" binds tighter, except
 * inside "either … or …", which is one group within its branch. "not"/"excluding" negate the
 * phrase after them. Anything it cannot place is reported through {@link AiUnderstandingError}.
 */
export function parseSegmentPhrase(input: string, options: ParseOptions = {}): SegmentGroup {
  const ctx: PhraseContext = { now: options.now ?? new Date(), campaigns: options.campaigns ?? [] };
  const text = normalizePhrase(input);
  const branches: Branch[] = [{ rules: [], either: null }];
  const unknown: string[] = [];
  let pendingUnknown: string[] = [];
  let pendingOr = false;
  let negate = false;
  let pos = 0;

  const flushUnknown = () => {
    if (pendingUnknown.length) unknown.push(pendingUnknown.join(' '));
    pendingUnknown = [];
  };
  const current = () => branches[branches.length - 1];

  while ((pos = skipSpaces(text, pos)) < text.length) {
    const match = matchPhrase(text, pos, ctx);
    if (match) {
      flushUnknown();
      const rules = flatten(negate ? negateRule(match.condition) : match.condition);
      const branch = current();
      if (branch.either) {
        if (pendingOr && lastOf(branch.either).length) branch.either.push([]);
        lastOf(branch.either).push(...rules);
      } else {
        if (pendingOr && branch.rules.length) branches.push({ rules: [], either: null });
        current().rules.push(...rules);
      }
      pendingOr = false;
      negate = false;
      pos = match.end;
      continue;
    }
    const token = nextToken(text, pos) as Token;
    if (OR_WORDS.has(token.word)) pendingOr = true;
    else if (NEGATION_WORDS.has(token.word)) negate = true;
    else if (token.word === EITHER_WORD) {
      closeEither(current());
      current().either = [[]];
    } else if (AND_WORDS.has(token.word)) {
      flushUnknown();
      const branch = current();
      if (branch.either && branch.either.filter((a) => a.length).length > 1) closeEither(branch);
    } else if (FILLER_WORDS.has(token.word)) flushUnknown();
    else pendingUnknown.push(token.word);
    pos = token.end;
  }
  flushUnknown();
  branches.forEach(closeEither);

  const conditions = branches.map((b) => b.rules).filter((b) => b.length);
  if (unknown.length || !conditions.length) {
    throw new AiUnderstandingError(unknown.length ? unknown : input.trim() ? [input.trim()] : []);
  }
  if (conditions.length === 1) return { op: 'and', rules: conditions[0] };
  return { op: 'or', rules: conditions.map(andOf) };
}

/** Puts a finished "either" group into its branch: one alternative joins the branch as is. */
function closeEither(branch: Branch): void {
  const alternatives = branch.either?.filter((a) => a.length) ?? [];
  branch.either = null;
  if (alternatives.length === 1) branch.rules.push(...alternatives[0]);
  else if (alternatives.length > 1) branch.rules.push({ op: 'or', rules: alternatives.map(andOf) });
}

/** A plain "and" group joins its branch condition by condition. */
function flatten(rule: SegmentRule): SegmentRule[] {
  return 'rules' in rule && rule.op === 'and' && !rule.not ? rule.rules : [rule];
}

function andOf(rules: SegmentRule[]): SegmentRule {
  return rules.length === 1 ? rules[0] : { op: 'and', rules };
}

function lastOf<T>(list: T[]): T {
  return list[list.length - 1];
}

function matchPhrase(text: string, pos: number, ctx: PhraseContext): PhraseMatch | null {
  for (const matcher of MATCHERS) {
    const match = matcher(text, pos, ctx);
    if (match) return match;
  }
  return null;
}

const tagMatcher: PhraseMatcher = (text, pos) => {
  TAG_PREFIX.lastIndex = pos;
  const prefix = TAG_PREFIX.exec(text);
  if (!prefix) return null;
  const list = readNameList(text, pos + prefix[0].length, 1, false);
  if (!list) return null;
  const negated = /^(?:not|without)/.test(prefix[1]);
  return { end: list.end, condition: { field: 'tags', operator: negated ? 'has_none' : 'has_any', value: list.names } };
};

const cityMatcher: PhraseMatcher = (text, pos) => {
  CITY_PREFIX.lastIndex = pos;
  const prefix = CITY_PREFIX.exec(text);
  if (!prefix) return null;
  const list = readNameList(text, pos + prefix[0].length, 3, true);
  if (!list) return null;
  const cities = list.names.map(titleCase);
  const condition: SegmentCondition =
    cities.length === 1
      ? { field: 'city', operator: 'eq', value: cities[0] }
      : { field: 'city', operator: 'in', value: cities };
  const outside = /^outside/.test(prefix[1] ?? prefix[2] ?? '');
  return { end: list.end, condition: outside ? negateRule(condition) : condition };
};

/** Earlier matchers win: calendar dates before the rolling windows, the core fields before the scores. */
const MATCHERS: PhraseMatcher[] = [
  ...DATE_MATCHERS,
  ...CAMPAIGN_MATCHERS,
  ...ENGAGEMENT_MATCHERS,
  ...REGEX_MATCHERS,
  ...PREDICTION_MATCHERS,
  tagMatcher,
  cityMatcher,
];

/** Reads "x", "x or y", "x, y or z" (and "x and y" when allowAnd) where each name has up to maxWords words. */
function readNameList(
  text: string,
  pos: number,
  maxWords: number,
  allowAnd: boolean,
): { names: string[]; end: number } | null {
  const first = readName(text, pos, maxWords);
  if (!first) return null;
  const names = [first.name];
  let end = first.end;
  for (;;) {
    let sep = nextToken(text, end);
    if (!sep || !(sep.word === 'or' || sep.word === ',' || (allowAnd && sep.word === 'and'))) break;
    if (sep.word === ',') {
      const after = nextToken(text, sep.end);
      if (after && (after.word === 'or' || (allowAnd && after.word === 'and'))) sep = after;
    }
    const next = readName(text, sep.end, maxWords);
    if (!next) break;
    names.push(next.name);
    end = next.end;
  }
  return { names: [...new Set(names)], end };
}

function readName(text: string, pos: number, maxWords: number): { name: string; end: number } | null {
  const start = skipSpaces(text, pos);
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, start + 1);
    const name = close > start ? text.slice(start + 1, close).trim() : '';
    return name ? { name, end: close + 1 } : null;
  }
  const words: string[] = [];
  let end = pos;
  while (words.length < maxWords) {
    const token = nextToken(text, end);
    if (!token || STOP_WORDS.has(token.word) || !/^[\p{L}][\p{L}\p{N}_'.-]*$/u.test(token.word)) break;
    words.push(token.word);
    end = token.end;
  }
  return words.length ? { name: words.join(' '), end } : null;
}

function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && text[pos] === ' ') pos++;
  return pos;
}

function nextToken(text: string, pos: number): Token | null {
  const start = skipSpaces(text, pos);
  if (start >= text.length) return null;
  let end = start;
  while (end < text.length && text[end] !== ' ') end++;
  return { word: text.slice(start, end), end };
}

function titleCase(name: string): string {
  return name.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
