import { Parser, type Options } from 'csv-parse';
import type { SplitRecord } from './record-splitter.util';

export type ParsedCells = string[] | { error: string };

/**
 * Splits records that contain quoted fields into cells with csv-parse's streaming `Parser`, one
 * parser per input chunk, driven synchronously (`end(text)` then `read()` until empty: csv-parse
 * holds back the last byte of a write until it sees the next one, so each chunk's parser is ended).
 *
 * Each record is written as `<line><delimiter><record>\n`: the extra first field carries the
 * record's line number through the parser, so a record csv-parse rejects (reported through
 * `skip_records_with_error` + `on_skip`) can be told apart from the ones it returns without
 * relying on counts or on csv-parse's `info.lines` (which points at a record's last line, not its
 * first).
 */
export class QuotedRecordParser {
  private readonly options: Options;
  private readonly skipped: string[] = [];

  constructor(private readonly delimiter: string) {
    this.options = {
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
    };
  }

  /** Cells for each record, keyed by line; records csv-parse rejected map to `{ error }`. */
  parse(records: readonly SplitRecord[]): Map<number, ParsedCells> {
    const result = new Map<number, ParsedCells>();
    if (records.length === 0) return result;
    let text = '';
    for (const r of records) text += `${r.line}${this.delimiter}${r.text}\n`;
    const parser = new Parser(this.options);
    // With skip_records_with_error nothing should reach 'error', but an unhandled one would crash.
    let failure: Error | null = null;
    parser.on('error', (err: Error) => (failure = err));
    parser.end(text);
    let out: string[] | null;
    while ((out = parser.read() as string[] | null) !== null) {
      result.set(Number(out[0]), out.slice(1));
    }
    let k = 0;
    for (const r of records) {
      if (!result.has(r.line))
        result.set(r.line, { error: this.skipped[k++] ?? (failure as Error | null)?.message ?? 'malformed record' });
    }
    this.skipped.length = 0;
    return result;
  }
}
