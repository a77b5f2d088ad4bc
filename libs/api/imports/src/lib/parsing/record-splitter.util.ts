/** A well-formed record: `quoted` says whether it holds a quoted field (and so needs a real CSV parser). */
export interface SplitRecord {
  kind: 'record';
  /** Physical line where the record starts. */
  line: number;
  /** Record text without its line terminator. */
  text: string;
  quoted: boolean;
}

/** A line that is not valid CSV; the text is its first physical line (cut to {@link MALFORMED_TEXT_LIMIT}). */
export interface MalformedLine {
  kind: 'malformed';
  line: number;
  text: string;
  reason: string;
}

export type SplitItem = SplitRecord | MalformedLine;

export const DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;
export const MALFORMED_TEXT_LIMIT = 4096;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Cuts decoded CSV text into records before csv-parse sees it, so that one bad line costs one row
 * instead of the whole import (csv-parse stops at an unclosed quote or an oversized record, and an
 * unclosed quote would otherwise swallow every following line).
 *
 * Quoting follows RFC 4180 as csv-parse does with `relax_quotes`: a quote opens a quoted field only
 * at the start of a field, `""` inside it is a literal quote, and the closing quote must be followed
 * by the delimiter, a line break or the end of the file. Line breaks are LF, CRLF or CR.
 *
 * Recovery: when a record is malformed (bad closing quote, quote never closed, longer than
 * `maxRecordChars`), its first physical line is reported as malformed and scanning resumes on the
 * next physical line, so a stray quote on line 7 does not take lines 8… with it.
 *
 * Lines without quotes take a fast path (indexOf, no per-character loop).
 */
export class RecordSplitter {
  private buf = '';
  private pos = 0;
  private line = 1;
  /** Discarding the rest of an overlong or broken physical line. */
  private skipping = false;
  private nextQuote = -2;
  private nextCr = -2;

  constructor(
    private readonly delimiter: string,
    private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS,
  ) {}

  /** Splits `chunk` (continuing any partial record); complete records and malformed lines go to `out`. */
  push(chunk: string, out: SplitItem[]): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.nextQuote = -2;
    this.nextCr = -2;
    this.scan(false, out);
  }

  /** Flushes the last record at end of input. */
  end(out: SplitItem[]): void {
    this.scan(true, out);
    this.buf = '';
    this.pos = 0;
  }

  private scan(final: boolean, out: SplitItem[]): void {
    const buf = this.buf;
    const len = buf.length;
    const max = this.maxRecordChars;
    while (this.pos < len) {
      if (this.skipping) {
        if (!this.skipLine(final)) return;
        continue;
      }
      const start = this.pos;
      const nl = buf.indexOf('\n', start);
      if (nl !== -1) {
        const q = this.quoteFrom(start);
        const cr = this.crFrom(start);
        if ((q === -1 || q > nl) && (cr === -1 || cr >= nl - 1)) {
          const end = cr === nl - 1 ? nl - 1 : nl;
          if (end - start > max) this.malformed(out, this.line, start, end, `line longer than ${max} characters`);
          else if (end > start)
            out.push({ kind: 'record', line: this.line, text: buf.slice(start, end), quoted: false });
          this.pos = nl + 1;
          this.line++;
          continue;
        }
      }
      if (!this.scanSlow(start, final, out)) return;
    }
  }

  /** Character loop for records with quotes, CR line breaks or no line break yet. False = need more data. */
  private scanSlow(start: number, final: boolean, out: SplitItem[]): boolean {
    const buf = this.buf;
    const len = buf.length;
    const delim = this.delimiter.charCodeAt(0);
    const limit = start + this.maxRecordChars;
    let inQuotes = false;
    let quoted = false;
    let fieldStart = true;
    let lines = 0;
    let firstLineEnd = -1;
    let firstLineNext = -1;
    let i = start;
    for (;;) {
      if (i > limit) {
        const what = firstLineEnd === -1 ? 'line' : 'record';
        return this.recover(
          out,
          start,
          i,
          firstLineEnd,
          firstLineNext,
          `${what} longer than ${this.maxRecordChars} characters`,
        );
      }
      if (i >= len) {
        if (!final) return false;
        if (inQuotes) return this.recover(out, start, len, firstLineEnd, firstLineNext, 'quoted field is never closed');
        this.emit(out, start, len, quoted);
        this.pos = len;
        return true;
      }
      const c = buf.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 >= len) {
            if (!final) return false;
            inQuotes = false;
            i++;
            continue;
          }
          const n = buf.charCodeAt(i + 1);
          if (n === QUOTE) i += 2;
          else if (n === delim || n === LF || n === CR) {
            inQuotes = false;
            i++;
          } else {
            return this.recover(
              out,
              start,
              i,
              firstLineEnd,
              firstLineNext,
              `unexpected "${buf[i + 1]}" after a closing quote`,
            );
          }
          continue;
        }
        if (c === LF || c === CR) {
          let next = i + 1;
          if (c === CR) {
            if (next >= len && !final) return false;
            if (buf.charCodeAt(next) === LF) next++;
          }
          if (firstLineEnd === -1) {
            firstLineEnd = i;
            firstLineNext = next;
          }
          lines++;
          i = next;
          continue;
        }
        i++;
        continue;
      }
      if (c === delim) {
        fieldStart = true;
      } else if (c === QUOTE && fieldStart) {
        inQuotes = true;
        quoted = true;
        fieldStart = false;
      } else if (c === LF || c === CR) {
        let next = i + 1;
        if (c === CR) {
          if (next >= len && !final) return false;
          if (buf.charCodeAt(next) === LF) next++;
        }
        this.emit(out, start, i, quoted);
        this.pos = next;
        this.line += lines + 1;
        return true;
      } else {
        fieldStart = false;
      }
      i++;
    }
  }

  private emit(out: SplitItem[], start: number, end: number, quoted: boolean): void {
    if (end > start) out.push({ kind: 'record', line: this.line, text: this.buf.slice(start, end), quoted });
  }

  /**
   * Reports the record's first line as malformed. If the problem lies beyond that line, scanning
   * resumes on the next line; otherwise the rest of the first line is skipped.
   */
  private recover(
    out: SplitItem[],
    start: number,
    errorAt: number,
    firstLineEnd: number,
    firstLineNext: number,
    reason: string,
  ): boolean {
    if (firstLineEnd !== -1 && errorAt > firstLineEnd) {
      this.malformed(out, this.line, start, firstLineEnd, reason);
      this.pos = firstLineNext;
      this.line++;
      return true;
    }
    this.malformed(out, this.line, start, this.lineEndFrom(errorAt), reason);
    this.pos = errorAt;
    this.skipping = true;
    return true;
  }

  private malformed(out: SplitItem[], line: number, start: number, end: number, reason: string): void {
    const cut = Math.min(end, start + MALFORMED_TEXT_LIMIT);
    out.push({ kind: 'malformed', line, text: this.buf.slice(start, cut) + (cut < end ? '…' : ''), reason });
  }

  /** Skips to the end of the current physical line. False = need more data. */
  private skipLine(final: boolean): boolean {
    const buf = this.buf;
    const nl = buf.indexOf('\n', this.pos);
    const cr = this.crFrom(this.pos);
    const end = nl === -1 ? cr : cr === -1 ? nl : Math.min(nl, cr);
    if (end === -1) {
      this.pos = buf.length;
      if (final) this.skipping = false;
      return false;
    }
    if (end === cr && end + 1 >= buf.length && !final) {
      this.pos = end; // a CR at the end of the chunk may be half of a CRLF
      return false;
    }
    this.pos = end === cr && buf.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
    this.line++;
    this.skipping = false;
    return true;
  }

  /** End of the physical line containing `from` (or of the buffer). */
  private lineEndFrom(from: number): number {
    const nl = this.buf.indexOf('\n', from);
    const cr = this.buf.indexOf('\r', from);
    const end = nl === -1 ? cr : cr === -1 ? nl : Math.min(nl, cr);
    return end === -1 ? this.buf.length : end;
  }

  private quoteFrom(from: number): number {
    if (this.nextQuote === -2 || (this.nextQuote !== -1 && this.nextQuote < from))
      this.nextQuote = this.buf.indexOf('"', from);
    return this.nextQuote;
  }

  private crFrom(from: number): number {
    if (this.nextCr === -2 || (this.nextCr !== -1 && this.nextCr < from)) this.nextCr = this.buf.indexOf('\r', from);
    return this.nextCr;
  }
}
