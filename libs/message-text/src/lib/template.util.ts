/**
 * The personalization grammar of every message: `{{ name }}` or `{{ name | fallback }}`. A name holds no
 * braces or pipe; the fallback runs to the closing braces. This is the only place that parses it.
 */
const TOKEN_PATTERN = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

export interface TemplateToken {
  name: string;
  /** '' when the token has none. */
  fallback: string;
}

export interface TokenMatch extends TemplateToken {
  /** The token as written, braces included. */
  raw: string;
  index: number;
}

export type TemplatePart = string | TemplateToken;

export interface CompiledTemplate {
  parts: TemplatePart[];
  /** Distinct token names in order of first use. */
  tokens: string[];
}

export function findTokens(text: string): TokenMatch[] {
  return Array.from(text.matchAll(TOKEN_PATTERN), (m) => tokenMatch(m[0], m[1], m[2], m.index ?? 0));
}

/** The text with every token replaced by what `replace` returns for it. */
export function replaceTokens(text: string, replace: (token: TokenMatch) => string): string {
  return text.replace(TOKEN_PATTERN, (raw: string, name: string, fallback: string | undefined, index: number) =>
    replace(tokenMatch(raw, name, fallback, index)),
  );
}

/** Splits a template into literal text and tokens. Nothing in it is ever evaluated. */
export function compileTemplate(text: string): CompiledTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const { raw, name, fallback, index } of findTokens(text)) {
    if (index > last) parts.push(text.slice(last, index));
    parts.push({ name, fallback });
    last = index + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, tokens: tokenNames(text) };
}

/** Distinct token names of the texts, in order of first use. */
export function tokenNames(...texts: (string | null | undefined)[]): string[] {
  return [...new Set(texts.flatMap((t) => (t ? findTokens(t).map((m) => m.name) : [])))];
}

/** Distinct token names of the texts that `isKnown` rejects. */
export function unknownTokenNames(
  isKnown: (name: string) => boolean,
  ...texts: (string | null | undefined)[]
): string[] {
  return tokenNames(...texts).filter((n) => !isKnown(n));
}

/** `{{name}}` or `{{name|fallback}}`; braces and pipes are dropped from the fallback so it stays one token. */
export function tokenText(name: string, fallback = ''): string {
  const fb = fallback.replace(/[{}|]/g, '').trim();
  return fb ? `{{${name}|${fb}}}` : `{{${name}}}`;
}

function tokenMatch(raw: string, name: string, fallback: string | undefined, index: number): TokenMatch {
  return { raw, name: name.trim(), fallback: (fallback ?? '').trim(), index };
}
