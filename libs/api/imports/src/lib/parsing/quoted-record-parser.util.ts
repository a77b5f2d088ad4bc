import { Parser } from 'csv-parse';
import type { SplitRecord } from './record-splitter.util';

export type ParsedCells = string[] | { error: string };

/**
 * Splits records that contain quoted fields into cells with one streaming csv-parse `Parser` kept
 * for the whole file and driven synchronously (write, then read until empty).
 *
 * Each record is written as `<line><delimiter><record>\n`: the extra first field carries the
 * record's line number through the parser, so a record csv-parse rejects (reported through
 * `skip_records_with_error` + `on_skip`) can be told apart from the ones it returns without
 * relying on counts or on csv-parse's `info.lines` (which points at a record's last line, not its
 * first).
 */
export class QuotedRecordParser {
  private readonly parser: Parser;
  private readonly skipped: string[] = [];

  constructor(private readonly delimiter: string) {
    this.parser = new Parser({
      delimiter,
      record_delimiter: '\n',
      quote: '"',
      escape: '"',
      bom: false,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      on_skip: (err) => {
        this.skipped.push(err?.message ?? 'malformed record');
      },
    });
    // Errors are reported per record through on_skip; nothing reaches 'error' in that mode, but an
    // unhandled 'error' event would crash the process, so keep a listener.
    this.parser.on('error', () => undefined);
  }

  /** Cells for each record, keyed by line; records csv-parse rejected map to `{ error }`. */
  parse(records: readonly SplitRecord[]): Map<number, ParsedCells> {
    const result = new Map<number, ParsedCells>();
    if (records.length === 0) return result;
    const delimiter = this.delimiter;
    let text = '';
    for (const r of records) text += `${r.line}${delimiter}${r.text}\n`;
    this.parser.write(text);
    let out: string[] | null;
    while ((out = this.parser.read() as string[] | null) !== null) {
      result.set(Number(out[0]), out.slice(1));
    }
    let k = 0;
    for (const r of records) {
      if (!result.has(r.line)) result.set(r.line, { error: this.skipped[k++] ?? 'malformed record' });
    }
    this.skipped.length = 0;
    return result;
  }

  close(): void {
    this.parser.destroy();
  }
}
