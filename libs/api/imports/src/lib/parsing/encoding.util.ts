import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';
import { NotCsvError } from './import.errors';
import type { CsvEncoding } from './import.types';

export interface DetectedEncoding {
  encoding: CsvEncoding;
  bom: boolean;
}

const SIGNATURES: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook is one: export it as CSV)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'a legacy Office document (.xls: export it as CSV)',
  },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], what: 'an SQLite database' },
];

/** Throws {@link NotCsvError} when the first bytes are the signature of a known binary format. */
export function assertNoBinarySignature(head: Buffer): void {
  for (const { bytes, what } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) {
      throw new NotCsvError(`The file is not a CSV file: it is ${what}.`);
    }
  }
}

/**
 * Detects the text encoding from the first bytes of a file: BOMs first, then UTF-16 by its NUL
 * pattern (ASCII text encoded as UTF-16 has a NUL in every other byte), then UTF-8 validity; bytes
 * that are not valid UTF-8 mean a legacy Windows-1252 / Latin-1 export. `complete` says whether
 * `head` is the whole file (otherwise a multi-byte character cut at the end is not an error).
 */
export function detectEncoding(head: Buffer, complete: boolean): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const utf16 = utf16ByNulPattern(head);
  if (utf16) return { encoding: utf16, bom: false };
  const sample = complete ? head : head.subarray(0, lastCharBoundary(head));
  return { encoding: isUtf8(sample) ? 'utf-8' : 'windows-1252', bom: false };
}

function utf16ByNulPattern(head: Buffer): CsvEncoding | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** Length of `buf` without a trailing, possibly incomplete, UTF-8 sequence. */
function lastCharBoundary(buf: Buffer): number {
  let i = buf.length;
  // Step back over at most 3 continuation bytes and their lead byte.
  for (let k = 0; k < 4 && i > 0; k++) {
    const b = buf[i - 1];
    if (b < 0x80) return i;
    i--;
    if (b >= 0xc0) return i;
  }
  return buf.length;
}

const ICONV_NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1252': 'windows1252',
};

/** A stateful iconv-lite decoder (multi-byte characters may span chunks); strips a leading BOM. */
export function createDecoder(encoding: CsvEncoding): { write(chunk: Buffer): string; end(): string | undefined } {
  return iconv.getDecoder(ICONV_NAMES[encoding], { stripBOM: true });
}
