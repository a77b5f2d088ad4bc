import type { Readable } from 'node:stream';
import { openImportFile } from './import-file.reader';
import type {
  ColumnMapping,
  CsvDelimiter,
  CsvEncoding,
  ImportKind,
  NormalizeOptions,
  RecordOf,
  RowIssue,
  UserMapping,
} from './import.types';

export interface PreviewRow<R> {
  rowNumber: number;
  cells: string[];
  /** Normalized record, null when the row would fail. */
  record: R | null;
  issues: RowIssue[];
}

export interface CsvPreview<R> {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  headers: string[];
  mapping: ColumnMapping[];
  rows: PreviewRow<R>[];
}

/**
 * Reads the first `maxRows` data rows (good or failed) of a file for the console's mapping preview,
 * then releases the stream. Same detection, mapping and normalization as {@link parseImportFile}.
 */
export async function previewCsv<K extends ImportKind>(
  stream: Readable,
  kind: K,
  maxRows = 20,
  options: NormalizeOptions & { mapping?: UserMapping } = {},
): Promise<CsvPreview<RecordOf<K>>> {
  const reader = await openImportFile(stream, { ...options, kind, batchSize: Math.max(1, maxRows) });
  const { encoding, delimiter, headers, mapping } = reader.info;
  const rows: PreviewRow<RecordOf<K>>[] = [];
  if (maxRows > 0) {
    for await (const batch of reader.batches()) {
      const byRow = new Map<number, PreviewRow<RecordOf<K>>>();
      for (const row of batch.rows)
        byRow.set(row.rowNumber, { rowNumber: row.rowNumber, cells: row.cells, record: row.record, issues: [] });
      for (const issue of batch.errors) {
        let row = byRow.get(issue.rowNumber);
        if (row === undefined) {
          row = { rowNumber: issue.rowNumber, cells: issue.raw, record: null, issues: [] };
          byRow.set(issue.rowNumber, row);
        }
        row.issues.push(issue);
      }
      rows.push(...[...byRow.values()].sort((a, b) => a.rowNumber - b.rowNumber));
      if (rows.length >= maxRows) break;
    }
  }
  await reader.close();
  return { encoding, delimiter, headers, mapping, rows: rows.slice(0, maxRows) };
}
