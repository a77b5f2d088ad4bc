import { ATTRIBUTE_KEY_RE, ATTRIBUTE_PREFIX } from '../shared/contract-values.util';

/** `{{ name }}` or `{{ name | fallback }}`, as the server parses them. */
const TOKEN_PATTERN = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

export interface UsedToken {
  name: string;
  fallback: string;
}

export function usedTokens(text: string): UsedToken[] {
  return [...text.matchAll(TOKEN_PATTERN)].map((m) => ({ name: m[1].trim(), fallback: (m[2] ?? '').trim() }));
}

export function isKnownToken(name: string, known: ReadonlySet<string>): boolean {
  if (known.has(name)) return true;
  return name.startsWith(ATTRIBUTE_PREFIX) && ATTRIBUTE_KEY_RE.test(name.slice(ATTRIBUTE_PREFIX.length));
}

/** Distinct token names of the texts the registry does not know. */
export function unknownTokenNames(known: ReadonlySet<string>, ...texts: (string | null | undefined)[]): string[] {
  const names = texts.flatMap((t) => (t ? usedTokens(t).map((u) => u.name) : []));
  return [...new Set(names.filter((n) => !isKnownToken(n, known)))];
}

/** The text with every token replaced by its fallback: what the shortest message looks like. */
export function withFallbacks(text: string): string {
  return text.replace(TOKEN_PATTERN, (_m, _name: string, fallback?: string) => (fallback ?? '').trim());
}

/** `{{name}}` or `{{name|fallback}}`; braces and pipes are dropped from the fallback so it stays one token. */
export function tokenText(name: string, fallback = ''): string {
  const fb = fallback.replace(/[{}|]/g, '').trim();
  return fb ? `{{${name}|${fb}}}` : `{{${name}}}`;
}

export interface Insertion {
  value: string;
  /** Caret position after the inserted text. */
  caret: number;
}

/** Replaces the selection [start, end) with `insert`, clamping out-of-range positions. */
export function insertAt(value: string, start: number | null, end: number | null, insert: string): Insertion {
  const s = clamp(start ?? value.length, value.length);
  const e = Math.max(s, clamp(end ?? s, value.length));
  return { value: value.slice(0, s) + insert + value.slice(e), caret: s + insert.length };
}

function clamp(n: number, max: number): number {
  return Math.min(Math.max(0, n), max);
}
