import { replaceTokens } from '@mini-crm/message-text';

/** Customer fields an AI draft may reference as `{{name}}` or `{{name|fallback}}`. */
export const MESSAGE_TOKENS = ['first_name', 'last_name', 'city', 'country', 'total_spend', 'order_count'] as const;

/**
 * Length budgeting assumes every token renders as 12 characters (a typical first name or
 * city, or an amount like "1,23,456.00"), or as its fallback when that is longer. Values in
 * a non-GSM-7 script (Devanagari names, say) can still switch a rendered SMS to UCS-2; the
 * campaign renderer measures the real text.
 */
export const TOKEN_WORST_CASE_CHARS = 12;

const ATTRIBUTE_TOKEN = /^attributes\.[A-Za-z0-9_]+$/;

export function isKnownToken(name: string): boolean {
  return (MESSAGE_TOKENS as readonly string[]).includes(name) || ATTRIBUTE_TOKEN.test(name);
}

/** Replaces tokens nobody can render by their fallback (or nothing) and tidies the spacing. */
export function stripUnknownTokens(text: string): string {
  const replaced = replaceTokens(text, (t) => (isKnownToken(t.name) ? t.text : t.fallback));
  return replaced === text ? text : tidySpacing(replaced);
}

/** The text as long as it can get once tokens are rendered, for length budgeting. */
export function worstCaseExpansion(text: string): string {
  return replaceTokens(text, (t) => t.fallback.padEnd(TOKEN_WORST_CASE_CHARS, 'x'));
}

function tidySpacing(text: string): string {
  return text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+([,.!?;:])/g, '$1')
    .replace(/([,;:])(?=[.!?])/g, '')
    .replace(/^[ \t,;:]+/gm, '')
    .trim();
}
