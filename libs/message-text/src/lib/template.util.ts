/**
 * The personalization grammar of every message: `{{ name }}` or `{{ name | fallback }}`. A name holds no
 * braces or pipe; the fallback runs to the closing braces. `raw` as the first pipe part (`{{ name | raw }}`,
 * `{{ name | raw | fallback }}`) asks for the stored value instead of the one formatted for people.
 * This is the only place that parses it.
 */
const TOKEN_PATTERN = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

export interface TemplateToken {
  name: string;
  /** '' when the token has none. */
  fallback: string;
  /** Written with `|raw`: the stored value, not formatted for people. */
  raw?: boolean;
}

export interface TokenMatch extends TemplateToken {
  /** The token as written, braces included. */
  text: string;
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
  return text.replace(TOKEN_PATTERN, (written: string, name: string, fallback: string | undefined, index: number) =>
    replace(tokenMatch(written, name, fallback, index)),
  );
}

/** Splits a template into literal text and tokens. Nothing in it is ever evaluated. */
export function compileTemplate(text: string): CompiledTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const { text: written, name, fallback, raw, index } of findTokens(text)) {
    if (index > last) parts.push(text.slice(last, index));
    parts.push(raw ? { name, fallback, raw } : { name, fallback });
    last = index + written.length;
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

const RAW_MODIFIER = /^\s*raw\s*(?:\|(.*))?$/s;

function tokenMatch(text: string, name: string, fallback: string | undefined, index: number): TokenMatch {
  const modifier = fallback === undefined ? null : RAW_MODIFIER.exec(fallback);
  if (modifier) return { text, name: name.trim(), fallback: (modifier[1] ?? '').trim(), raw: true, index };
  return { text, name: name.trim(), fallback: (fallback ?? '').trim(), index };
}
