import { Readable } from 'node:stream';
import { parseImportFile } from './import-file.reader';
import type { ImportKind, NormalizedRow, ParseImportOptions, RecordOf, RowIssue } from './import.types';

/** A byte stream that delivers `data` in chunks of `chunkSize` bytes (to cross chunk boundaries). */
export function streamOf(data: Buffer | string, chunkSize = 64 * 1024): Readable {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunkSize) chunks.push(buf.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

export interface Collected<R> {
  rows: NormalizedRow<R>[];
  issues: RowIssue[];
  failedRows: number;
  batches: number;
  bytesRead: number;
}

/** Reads a whole file through {@link parseImportFile}. */
export async function collect<K extends ImportKind>(
  data: Buffer | string,
  options: ParseImportOptions & { kind: K },
  chunkSize?: number,
): Promise<Collected<RecordOf<K>>> {
  const out: Collected<RecordOf<K>> = { rows: [], issues: [], failedRows: 0, batches: 0, bytesRead: 0 };
  for await (const batch of parseImportFile(streamOf(data, chunkSize), options)) {
    out.rows.push(...batch.rows);
    out.issues.push(...batch.errors);
    out.failedRows += batch.failedRows;
    out.batches++;
    out.bytesRead = batch.bytesRead;
  }
  return out;
}
