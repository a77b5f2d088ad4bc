import { formulaSafeCell } from './csv-cell';

describe('formulaSafeCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+91 98', "'+91 98"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
  ])('prefixes %j', (input, output) => expect(formulaSafeCell(input)).toBe(output));

  it('leaves other values alone and renders empties as empty', () => {
    expect(formulaSafeCell('Mumbai')).toBe('Mumbai');
    expect(formulaSafeCell('a=b')).toBe('a=b');
    expect(formulaSafeCell(12)).toBe('12');
    expect(formulaSafeCell(null)).toBe('');
    expect(formulaSafeCell(undefined)).toBe('');
    expect(formulaSafeCell(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05.000Z');
  });
});
