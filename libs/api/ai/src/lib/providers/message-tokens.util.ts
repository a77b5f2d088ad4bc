/** Customer fields a message may reference as `{{name}}` or `{{name|fallback}}`. */
export const MESSAGE_TOKENS = ['first_name', 'last_name', 'city', 'country', 'total_spend', 'order_count'] as const;

/**
 * Length budgeting assumes every token renders as 12 characters (a typical first name or
 * city, or an amount like "1,23,456.00"), or as its fallback when that is longer. Values in
 * a non-GSM-7 script (Devanagari names, say) can still switch a rendered SMS to UCS-2; the
 * campaign renderer measures the real text.
 */
export const TOKEN_WORST_CASE_CHARS = 12;

const TOKEN_PATTERN = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;
const ATTRIBUTE_TOKEN = /^attributes\.[A-Za-z0-9_]+$/;

export interface TokenMatch {
  raw: string;
  name: string;
  fallback?: string;
  index: number;
}

export function isKnownToken(name: string): boolean {
  return (MESSAGE_TOKENS as readonly string[]).includes(name) || ATTRIBUTE_TOKEN.test(name);
}

export function findTokens(text: string): TokenMatch[] {
  return Array.from(text.matchAll(TOKEN_PATTERN), (m) => ({
    raw: m[0],
    name: m[1],
    fallback: m[2]?.trim() || undefined,
    index: m.index ?? 0,
  }));
}

/** Distinct token names, in order of first use. */
export function extractTokens(...texts: (string | undefined)[]): string[] {
  const names = texts.flatMap((text) => (text ? findTokens(text).map((t) => t.name) : []));
  return [...new Set(names)];
}

/** Replaces tokens nobody can render by their fallback (or nothing) and tidies the spacing. */
export function stripUnknownTokens(text: string): string {
  const replaced = text.replace(TOKEN_PATTERN, (raw: string, name: string, fallback?: string) =>
    isKnownToken(name.trim()) ? raw : (fallback?.trim() ?? ''),
  );
  return replaced === text ? text : tidySpacing(replaced);
}

/** The text as long as it can get once tokens are rendered, for length budgeting. */
export function worstCaseExpansion(text: string): string {
  return text.replace(TOKEN_PATTERN, (_raw: string, _name: string, fallback?: string) =>
    (fallback?.trim() ?? '').padEnd(TOKEN_WORST_CASE_CHARS, 'x'),
  );
}

function tidySpacing(text: string): string {
  return text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+([,.!?;:])/g, '$1')
    .replace(/([,;:])(?=[.!?])/g, '')
    .replace(/^[ \t,;:]+/gm, '')
    .trim();
}
