import { csvCell, csvFileName, toCsv } from './csv.util';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+91 98')).toBe("'+91 98");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.125)).toBe('0.125');
  });

  it('writes empties for null, undefined and non-finite numbers', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header line and one line per row, CRLF-terminated', () => {
    const rows = [
      { name: 'Spring, hello', clicks: 3 },
      { name: '=cmd', clicks: null },
    ];
    const csv = toCsv(
      [
        { header: 'Name', value: (r: (typeof rows)[number]) => r.name },
        { header: 'Clicks', value: (r: (typeof rows)[number]) => r.clicks },
      ],
      rows,
    );
    expect(csv).toBe('Name,Clicks\r\n"Spring, hello",3\r\n\'=cmd,\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([{ header: 'A', value: () => 1 }], [])).toBe('A\r\n');
  });
});

describe('csvFileName', () => {
  it('makes a lower-case, dash-separated .csv name', () => {
    expect(csvFileName('Top campaigns', '2024-05-01')).toBe('top-campaigns-2024-05-01.csv');
    expect(csvFileName('  ')).toBe('export.csv');
  });
});
