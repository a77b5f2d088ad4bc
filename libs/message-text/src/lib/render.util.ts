import type { ValueDisplay } from './display-value.util';
import type { CompiledTemplate } from './template.util';

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
 * `html` escapes every substituted value (and fallback) for email bodies. `display` formats values for
 * people (amounts, dates); a token written `{{name|raw}}` skips it.
 */
export function renderTemplate(
  template: CompiledTemplate,
  values: Record<string, unknown>,
  html: boolean,
  display?: ValueDisplay,
): string {
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    // Own properties only: a token like {{constructor}} must not reach the prototype.
    const value = Object.prototype.hasOwnProperty.call(values, part.name) ? values[part.name] : undefined;
    const shown = display && !part.raw ? display(part.name, value) : undefined;
    const text = shown || formatTokenValue(value) || part.fallback;
    out += html ? escapeHtml(text) : text;
  }
  return out;
}

/** The template with every token replaced by its fallback: the shortest the message gets, as an SMS is measured. */
export function renderWithFallbacks(template: CompiledTemplate): string {
  return renderTemplate(template, {}, false);
}
