import * as iconv from 'iconv-lite';
import { assertNoBinarySignature, detectEncoding } from './encoding.util';
import { NotCsvError } from './import.errors';
import { detectDelimiter } from './delimiter.util';

describe('detectEncoding', () => {
  const text = 'name,city\nJosé,Málaga\n';

  it('detects UTF-8 with and without BOM', () => {
    expect(detectEncoding(Buffer.from('\ufeff' + text), true)).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(Buffer.from(text), true)).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('detects UTF-16 by BOM and by NUL pattern', () => {
    expect(detectEncoding(iconv.encode(text, 'utf16le', { addBOM: true }), true)).toEqual({
      encoding: 'utf-16le',
      bom: true,
    });
    expect(detectEncoding(iconv.encode(text, 'utf16be', { addBOM: true }), true)).toEqual({
      encoding: 'utf-16be',
      bom: true,
    });
    expect(detectEncoding(iconv.encode(text, 'utf16le'), true)).toEqual({ encoding: 'utf-16le', bom: false });
    expect(detectEncoding(iconv.encode(text, 'utf16be'), true)).toEqual({ encoding: 'utf-16be', bom: false });
  });

  it('falls back to windows-1252 on invalid UTF-8', () => {
    expect(detectEncoding(iconv.encode(text, 'windows1252'), true)).toEqual({ encoding: 'windows-1252', bom: false });
  });

  it('does not mistake a multi-byte character cut at the end of the sniffed bytes for Latin-1', () => {
    const bytes = Buffer.from('name\nJosé');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), false).encoding).toBe('utf-8');
  });
});

describe('assertNoBinarySignature', () => {
  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], /PNG image/],
    [[0x50, 0x4b, 0x03, 0x04, 0x14], /xlsx/],
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], /PDF/],
  ])('rejects %j', (bytes, message) => {
    expect(() => assertNoBinarySignature(Buffer.from(bytes))).toThrow(NotCsvError);
    expect(() => assertNoBinarySignature(Buffer.from(bytes))).toThrow(message);
  });

  it('accepts text', () => {
    expect(() => assertNoBinarySignature(Buffer.from('PK,name\n'))).not.toThrow();
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;2,5;3\n4;5;6', ';'],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['name,tags\nBob,"a;b;c;d"\nAl,"x;y"\n', ','],
    ['"a,1";"b,2"\n"c,3";"d,4"\n', ';'],
    ['email\nx@y.com\n', ','],
    ['', ','],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});
