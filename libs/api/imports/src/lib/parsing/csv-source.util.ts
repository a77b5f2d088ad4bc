import type { Readable } from 'node:stream';
import { detectDelimiter } from './delimiter.util';
import { assertNoBinarySignature, createDecoder, detectEncoding } from './encoding.util';
import { NotCsvError } from './import.errors';
import type { CsvFileInfo } from './import.types';
import { QuotedRecordParser } from './quoted-record-parser.util';
import { DEFAULT_MAX_RECORD_CHARS, RecordSplitter, type SplitItem, type SplitRecord } from './record-splitter.util';

/** A data record split into cells, or a line that could not be read as CSV. */
export type RawItem =
  | { kind: 'row'; line: number; cells: string[] }
  | { kind: 'malformed'; line: number; text: string; reason: string };

export interface CsvSource {
  info: CsvFileInfo;
  /** Data records after the header, one array per input chunk, in file order. Blank records are dropped. */
  items(): AsyncGenerator<RawItem[], void, undefined>;
  /** Bytes read from the input so far. */
  bytesRead(): number;
  /** Stops reading and releases the input (also done when `items()` finishes or is abandoned). */
  close(): Promise<void>;
}

export interface CsvSourceOptions {
  /** Longest accepted record, in characters. Default 1 MiB. */
  maxRecordChars?: number;
  /** Bytes inspected to detect the encoding and delimiter. Default 64 KiB. */
  sniffBytes?: number;
}

const SNIFF_MIN_LINES = 3;
const SNIFF_MAX_BYTES = 4 * 1024 * 1024;
const EMPTY_INFO: CsvFileInfo = { encoding: 'utf-8', bom: false, delimiter: ',', headers: [], headerLine: 0 };

/**
 * Opens a CSV byte stream: reads the first chunk(s), rejects binary files ({@link NotCsvError}),
 * detects encoding and delimiter, reads the header, and returns an iterator over the data records.
 * Memory stays bounded by one input chunk plus the longest record.
 */
export async function openCsvSource(stream: Readable, options: CsvSourceOptions = {}): Promise<CsvSource> {
  const input = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const sniffBytes = options.sniffBytes ?? 64 * 1024;
  let bytesRead = 0;
  let done = false;
  const readChunk = async (): Promise<Buffer | null> => {
    if (done) return null;
    const next = await input.next();
    if (next.done) {
      done = true;
      return null;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    bytesRead += chunk.length;
    return chunk;
  };
  const close = async () => {
    done = true;
    await input.return?.();
  };

  try {
    const headChunks: Buffer[] = [];
    let headLength = 0;
    // Read at least `sniffBytes`, and on until the head holds a few complete lines (delimiter detection needs them).
    let newlines = 0;
    while (headLength < sniffBytes || (newlines < SNIFF_MIN_LINES && headLength < SNIFF_MAX_BYTES)) {
      const chunk = await readChunk();
      if (chunk === null) break;
      headChunks.push(chunk);
      headLength += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1 && newlines < SNIFF_MIN_LINES; i = chunk.indexOf(10, i + 1)) newlines++;
    }
    const head = Buffer.concat(headChunks);
    if (head.length === 0) return emptySource(() => bytesRead, close);
    assertNoBinarySignature(head);
    const { encoding, bom } = detectEncoding(head, done);
    const decoder = createDecoder(encoding);
    let text = decoder.write(head);
    if (done) text += decoder.end() ?? '';
    assertTextLooksLikeCsv(text);
    const delimiter = detectDelimiter(text);
    const splitter = new RecordSplitter(delimiter, options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS);
    const quoted = new QuotedRecordParser(delimiter);
    const decodeChunk = (chunk: Buffer | null, line: number): string => {
      const decoded = chunk === null ? (decoder.end() ?? '') : decoder.write(chunk);
      if (decoded.indexOf('\u0000') !== -1) {
        throw new NotCsvError(`The file is not a CSV file: it contains binary data (NUL bytes) after line ${line}.`);
      }
      return decoded;
    };

    const asSplitBuffer: SplitItem[] = [];
    const takeSplitBuffer = (): SplitItem[] => asSplitBuffer.splice(0, asSplitBuffer.length);

    // Find the header: the first non-blank record.
    let pending: RawItem[] = [];
    splitter.push(text, asSplitBuffer);
    if (done) splitter.end(asSplitBuffer);
    let header: string[] | null = null;
    let headerLine = 0;
    for (;;) {
      pending = pending.concat(toRawItems(takeSplitBuffer(), delimiter, quoted));
      const first = pending[0];
      if (first !== undefined) {
        if (first.kind === 'malformed') {
          throw new NotCsvError(`The header (line ${first.line}) is not valid CSV: ${first.reason}.`);
        }
        header = first.cells.map((c) => c.trim());
        headerLine = first.line;
        pending = pending.slice(1);
        break;
      }
      if (done) break;
      const chunk = await readChunk();
      splitter.push(decodeChunk(chunk, 1), asSplitBuffer);
      if (chunk === null) splitter.end(asSplitBuffer);
    }
    if (header === null) {
      return emptySource(() => bytesRead, close, { ...EMPTY_INFO, encoding, bom, delimiter });
    }

    const info: CsvFileInfo = { encoding, bom, delimiter, headers: header, headerLine };
    let lastLine = headerLine;
    async function* items(): AsyncGenerator<RawItem[], void, undefined> {
      try {
        if (pending.length > 0) {
          lastLine = pending[pending.length - 1].line;
          yield pending;
        }
        while (!done) {
          const chunk = await readChunk();
          splitter.push(decodeChunk(chunk, lastLine), asSplitBuffer);
          if (chunk === null) splitter.end(asSplitBuffer);
          const batch = toRawItems(takeSplitBuffer(), delimiter, quoted);
          if (batch.length > 0) {
            lastLine = batch[batch.length - 1].line;
            yield batch;
          }
        }
      } finally {
        await close();
      }
    }
    return { info, items, bytesRead: () => bytesRead, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function toRawItems(split: readonly SplitItem[], delimiter: string, quoted: QuotedRecordParser): RawItem[] {
  const quotedRecords: SplitRecord[] = [];
  for (const item of split) if (item.kind === 'record' && item.quoted) quotedRecords.push(item);
  const parsed = quoted.parse(quotedRecords);
  const out: RawItem[] = [];
  for (const item of split) {
    if (item.kind === 'malformed') {
      out.push(item);
      continue;
    }
    let cells: string[];
    if (item.quoted) {
      const result = parsed.get(item.line);
      if (result === undefined || !Array.isArray(result)) {
        out.push({ kind: 'malformed', line: item.line, text: item.text, reason: result?.error ?? 'malformed record' });
        continue;
      }
      cells = result;
    } else {
      cells = item.text.split(delimiter);
    }
    if (!isBlank(cells)) out.push({ kind: 'row', line: item.line, cells });
  }
  return out;
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) {
    if (cell.length !== 0 && cell.trim().length !== 0) return false;
  }
  return true;
}

/** Rejects decoded text with NUL characters or many control characters (a binary file). */
function assertTextLooksLikeCsv(text: string): void {
  if (text.indexOf('\u0000') !== -1) {
    throw new NotCsvError('The file is not a CSV file: it contains binary data (NUL bytes).');
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (control > 8 && control > text.length / 100) {
    throw new NotCsvError('The file is not a CSV file: it contains binary data (control characters).');
  }
}

function emptySource(bytesRead: () => number, close: () => Promise<void>, info: CsvFileInfo = EMPTY_INFO): CsvSource {
  void close();
  return {
    info,
    // eslint-disable-next-line @typescript-eslint/no-empty-function
    async *items() {},
    bytesRead,
    close,
  };
}
