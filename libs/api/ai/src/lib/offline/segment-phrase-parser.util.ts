import type { SegmentCondition, SegmentGroup, SegmentRule } from '@mini-crm/contracts';
import { AiUnderstandingError } from '../providers/ai.errors';
import { type PhraseMatch, type PhraseMatcher, REGEX_MATCHERS } from './phrase-matchers';

const OR_WORDS = new Set(['or']);
const AND_WORDS = new Set(['and', 'but', ',', 'who', 'that', 'whose', 'which', 'also', 'plus', 'while']);
/** Words that carry no condition: "win back customers who …", "show me users that …". */
const FILLER_WORDS = new Set([
  'customers',
  'customer',
  'users',
  'user',
  'people',
  'shoppers',
  'buyers',
  'clients',
  'members',
  'contacts',
  'all',
  'any',
  'anyone',
  'everyone',
  'everybody',
  'those',
  'them',
  'the',
  'show',
  'me',
  'find',
  'get',
  'list',
  'give',
  'target',
  'select',
  'i',
  'we',
  'want',
  'to',
  'reach',
  'message',
  'send',
  'win',
  'back',
  'win-back',
  're-engage',
  'reengage',
  'reactivate',
  're-activate',
  'have',
  'has',
  'having',
  'had',
  'are',
  'is',
  'were',
  'was',
  'with',
  'only',
  'please',
  'segment',
  'of',
  'either',
  'both',
  'currently',
]);
/** Words that end a city or tag name: they start or join another phrase. */
const STOP_WORDS = new Set([
  ...OR_WORDS,
  ...AND_WORDS,
  ...FILLER_WORDS,
  'spent',
  'spend',
  'spends',
  'spending',
  'ordered',
  'order',
  'orders',
  'purchased',
  'bought',
  'shopped',
  'placed',
  'made',
  'never',
  'not',
  'no',
  'tagged',
  'tag',
  'tags',
  'joined',
  'signed',
  'registered',
  'subscribed',
  'unsubscribed',
  'active',
  'inactive',
  'visited',
  'last',
  'past',
  'within',
  'since',
  'from',
  'lives',
  'living',
  'located',
  'based',
  'more',
  'less',
  'fewer',
  'at',
  'over',
  'under',
  'above',
  'below',
  'between',
  "haven't",
  "hasn't",
  'havent',
  'hasnt',
  'did',
  "didn't",
  'yet',
  'for',
  'during',
  'than',
  'in',
  'a',
  'an',
  'total',
]);

const CITY_PREFIX = /(?:(?:lives?|living|located|based|resides?|residing)\s+in|from|in)\s+/y;
const TAG_PREFIX =
  /(not\s+tagged(?:\s+as|\s+with)?|without\s+(?:the\s+)?tags?|tagged(?:\s+as|\s+with)?|(?:with|having|has)\s+(?:the\s+)?tags?|tag)\s+/y;

interface Token {
  word: string;
  end: number;
}

/**
 * Turns a plain-language audience description into a segment AST. Conditions joined by
 * "and"/"but"/"who"/commas form a group; "or" separates groups, so "and" binds tighter.
 * Anything it cannot place is reported through {@link AiUnderstandingError}.
 */
export function parseSegmentPhrase(input: string): SegmentGroup {
  const text = normalize(input);
  const branches: SegmentCondition[][] = [[]];
  const unknown: string[] = [];
  let pendingUnknown: string[] = [];
  let pendingOr = false;
  let pos = 0;

  const flushUnknown = () => {
    if (pendingUnknown.length) unknown.push(pendingUnknown.join(' '));
    pendingUnknown = [];
  };

  while ((pos = skipSpaces(text, pos)) < text.length) {
    const match = matchPhrase(text, pos);
    if (match) {
      flushUnknown();
      if (pendingOr && branches[branches.length - 1].length) branches.push([]);
      branches[branches.length - 1].push(match.condition);
      pendingOr = false;
      pos = match.end;
      continue;
    }
    const token = nextToken(text, pos) as Token;
    if (OR_WORDS.has(token.word)) pendingOr = true;
    else if (!AND_WORDS.has(token.word) && !FILLER_WORDS.has(token.word)) pendingUnknown.push(token.word);
    else flushUnknown();
    pos = token.end;
  }
  flushUnknown();

  const conditions = branches.filter((b) => b.length);
  if (unknown.length || !conditions.length) {
    throw new AiUnderstandingError(unknown.length ? unknown : input.trim() ? [input.trim()] : []);
  }
  if (conditions.length === 1) return { op: 'and', rules: conditions[0] };
  return {
    op: 'or',
    rules: conditions.map((b): SegmentRule => (b.length === 1 ? b[0] : { op: 'and', rules: b })),
  };
}

function normalize(input: string): string {
  return input
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/&/g, ' and ')
    .replace(/,(?!\d{2})/g, ' , ')
    .replace(/[.!?;]+(?=\s|$)/g, (m, offset: number, s: string) => (/rs$/.test(s.slice(0, offset)) ? m : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function matchPhrase(text: string, pos: number): PhraseMatch | null {
  for (const matcher of [...REGEX_MATCHERS, tagMatcher, cityMatcher]) {
    const match = matcher(text, pos);
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
  return { end: list.end, condition };
};

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
