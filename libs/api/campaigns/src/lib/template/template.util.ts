import { isCampaignToken } from './message-tokens.util';

/** `{{ name }}` or `{{ name | fallback }}`; same grammar as the AI drafts use. */
const TOKEN_PATTERN = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

export interface TemplateToken {
  name: string;
  fallback: string;
}

export type TemplatePart = string | TemplateToken;

export interface CompiledTemplate {
  parts: TemplatePart[];
  /** Distinct token names in order of first use. */
  tokens: string[];
}

/** Splits a template into literal text and tokens. Nothing in it is ever evaluated. */
export function compileTemplate(text: string): CompiledTemplate {
  const parts: TemplatePart[] = [];
  const tokens: string[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const name = m[1].trim();
    parts.push({ name, fallback: (m[2] ?? '').trim() });
    if (!tokens.includes(name)) tokens.push(name);
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, tokens };
}

/** Token names that are not in the registry, for a 400 naming them. */
export function unknownTokens(...texts: (string | null | undefined)[]): string[] {
  const names = texts.flatMap((t) => (t ? compileTemplate(t).tokens : []));
  return [...new Set(names.filter((n) => !isCampaignToken(n)))];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Text of one customer value as it appears in a message; empty when there is nothing to show. */
export function formatTokenValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (Array.isArray(value))
    return value
      .map((v) => formatTokenValue(v))
      .filter(Boolean)
      .join(', ');
  if (typeof value === 'object') return '';
  return String(value).trim();
}

/**
 * Fills tokens from `values` (token name → value), falling back when the value is empty.
 * `html` escapes every substituted value (and fallback) for email bodies.
 */
export function renderTemplate(template: CompiledTemplate, values: Record<string, unknown>, html: boolean): string {
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    // Own properties only: a token like {{constructor}} must not reach the prototype.
    const value = Object.prototype.hasOwnProperty.call(values, part.name) ? values[part.name] : undefined;
    const text = formatTokenValue(value) || part.fallback;
    out += html ? escapeHtml(text) : text;
  }
  return out;
}

/** The template with every token replaced by its fallback: the length an SMS has at least. */
export function renderWithFallbacks(template: CompiledTemplate): string {
  return renderTemplate(template, {}, false);
}
