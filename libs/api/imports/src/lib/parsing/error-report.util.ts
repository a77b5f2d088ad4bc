import { stringify, type Stringifier } from 'csv-stringify';

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Makes a value safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, tab or CR
 * (which Excel/Sheets/LibreOffice may run as a formula) gets a leading `'`.
 */
export function toSafeCsvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.length > 0 && FORMULA_START.has(text[0]) ? `'${text}` : text;
}

/** The original cells as one CSV line (RFC 4180 quoting), each cell neutralized. */
export function joinCsvLine(cells: readonly string[], delimiter = ','): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = toSafeCsvCell(cells[i]);
    if (i > 0) line += delimiter;
    line += /[",\r\n;\t]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }
  return line;
}

/**
 * CSV writer for the import error report: write `RowIssue` objects, read CSV text with the
 * header `row,severity,column,message,original` (`original` = the row's cells as a CSV line).
 * Every text cell is formula-neutralized.
 */
export function createErrorReportStream(): Stringifier {
  return stringify({
    header: true,
    columns: [
      { key: 'rowNumber', header: 'row' },
      { key: 'severity', header: 'severity' },
      { key: 'column', header: 'column' },
      { key: 'message', header: 'message' },
      { key: 'raw', header: 'original' },
    ],
    cast: {
      string: (value) => toSafeCsvCell(value),
      object: (value) =>
        Array.isArray(value) ? toSafeCsvCell(joinCsvLine(value as string[])) : toSafeCsvCell(JSON.stringify(value)),
    },
  });
}
