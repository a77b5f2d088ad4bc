const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * A value as a spreadsheet-safe CSV cell: text beginning with `=`, `+`, `-`, `@`, tab or CR (which
 * Excel, Sheets and LibreOffice may evaluate as a formula) gets a leading single quote.
 */
export function formulaSafeCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return text.length > 0 && FORMULA_START.has(text[0]) ? `'${text}` : text;
}
