/**
 * PostgreSQL COPY text format: one line per row, tab-separated, `\N` for NULL, and backslash,
 * tab, LF and CR escaped inside values.
 */
export function copyValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPE_CHARS, (c) => ESCAPES[c]);
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPE_CHARS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text[] literal (`{"a","b"}`), every element quoted. */
export function pgTextArray(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += '"' + values[i].replace(/["\\]/g, '\\$&') + '"';
  }
  return out + '}';
}
