import { parse } from 'csv-parse/sync';
import { createErrorReportStream, joinCsvLine } from './error-report.util';
import type { RowIssue } from './import.types';

describe('joinCsvLine', () => {
  it('neutralizes every cell with the contracts helper (the one rule for every CSV we write)', () => {
    expect(joinCsvLine(['=1+2', '+91 98', '-5', '@x', '\tt', 'ok', 'a,b'])).toBe(
      `'=1+2,'+91 98,'-5,'@x,"'\tt",ok,"a,b"`,
    );
  });
});

describe('createErrorReportStream', () => {
  it('writes the header and neutralized rows', async () => {
    const issues: RowIssue[] = [
      {
        severity: 'error',
        rowNumber: 3,
        column: 'email',
        message: 'invalid email "x": missing @',
        raw: ['=HYPERLINK("http://evil")', 'x', 'a,b'],
      },
      { severity: 'warning', rowNumber: 9, column: '=col', message: 'm', raw: ['ok'] },
    ];
    const stream = createErrorReportStream();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(c.toString()));
    const done = new Promise((resolve) => stream.on('end', resolve));
    for (const i of issues) stream.write(i);
    stream.end();
    await done;
    const rows = parse(chunks.join('')) as string[][];
    expect(rows[0]).toEqual(['row', 'severity', 'column', 'message', 'original']);
    expect(rows[1]).toEqual([
      '3',
      'error',
      'email',
      'invalid email "x": missing @',
      `"'=HYPERLINK(""http://evil"")",x,"a,b"`,
    ]);
    expect(rows[2]).toEqual(['9', 'warning', "'=col", 'm', 'ok']);
    // The original line itself re-parses to the neutralized cells.
    expect(parse(rows[1][4])).toEqual([[`'=HYPERLINK("http://evil")`, 'x', 'a,b']]);
  });
});
