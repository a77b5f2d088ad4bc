import { stringify, type Stringifier } from 'csv-stringify';
import { formulaSafeCell } from '@mini-crm/contracts';

/** The original cells as one CSV line (RFC 4180 quoting), each cell neutralized. */
export function joinCsvLine(cells: readonly string[], delimiter = ','): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = formulaSafeCell(cells[i]);
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
      string: (value) => formulaSafeCell(value),
      object: (value) =>
        Array.isArray(value) ? formulaSafeCell(joinCsvLine(value as string[])) : formulaSafeCell(JSON.stringify(value)),
    },
  });
}
