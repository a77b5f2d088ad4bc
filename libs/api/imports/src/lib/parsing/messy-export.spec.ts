import * as iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { previewCsv } from './csv-preview.util';
import { DuplicateTracker } from './duplicate-tracker.util';
import { createErrorReportStream } from './error-report.util';
import { openImportFile } from './import-file.reader';
import { NotCsvError } from './import.errors';
import type { CustomerRecord, RowIssue } from './import.types';
import { collect, streamOf } from './test-input.fixture';
import { customerRecord, MESSY_JOHN } from '../testing/customer-record.fixture';

/** A customer export as people really send them. `d` is the delimiter. */
function messyExport(d: string, bom = true): string {
  const lines = [
    /* 1 */ `${bom ? '\ufeff' : ''} Customer ID ${d}First Name${d}LAST NAME${d}E-mail${d}Mobile${d}Town${d}Country${d}Tags${d}Email Consent${d}Notes`,
    /* 2 */ `C001${d}  john ${d}DOE${d}John.Doe@Example.COM ${d}098765 43210${d}Mumbai${d}india${d}"VIP; new"${d}yes${d}=SUM(A1:A9)`,
    /* 3 */ `C002${d}Priya${d}Sharma${d}priya@example.in${d}+91 98765-43211${d}  Pune ${d}IN${d}vip|Gold${d}opt-out${d}`,
    /* 4 */ ``,
    /* 5 */ `${d}Ravi${d}Kumar${d}ravi@example${d}12345${d}Delhi${d}IND${d}${d}${d}`,
    /* 6 */ `${d}Asha${d}${d}asha@example.com${d}98765${d}Chennai${d}IN${d}${d}maybe${d}`,
    /* 7 */ `C003${d}"Multi`,
    /* 8 */ `Line"${d}Name${d}multi@example.com${d}${d}Kolkata${d}Narnia${d}${d}${d}`,
    /* 9 */ `C001${d}Dup${d}Person${d}other@example.com${d}${d}${d}${d}${d}${d}`,
    /* 10 */ `${d}Dupe${d}ByEmail${d}JOHN.DOE@example.com${d}${d}${d}${d}${d}${d}`,
    /* 11 */ `${d}${d}${d}${d}${d}${d}${d}${d}${d}`,
    /* 12 */ `C004${d}Broken${d}"Quote${d}broken@example.com${d}${d}${d}${d}${d}${d}`,
    /* 13 */ `C005${d}After${d}Broken${d}after@example.com${d}9876543212${d}${d}${d}${d}${d}`,
    /* 14 */ `${d}${d}${d}${d}${d}${d}${d}${d}${d}+cmd`,
    /* 15 */ `C006${d}Zoë${d}Ängström${d}zoe@example.se${d}+46 70 123 45 67${d}Malmö${d}Sweden${d}${d}${d}`,
    /* 16 */ `@evil${d}=x${d}-y${d}mallory@example.com${d}${d}${d}${d}${d}${d}`,
  ];
  return lines.join('\r\n') + '\r\n';
}

const EXPECTED_ROWS: [number, CustomerRecord][] = [
  [2, customerRecord(MESSY_JOHN)],
  [
    3,
    customerRecord({
      externalId: 'C002',
      email: 'priya@example.in',
      phone: '+919876543211',
      firstName: 'Priya',
      lastName: 'Sharma',
      city: 'Pune',
      country: 'IN',
      tags: ['vip', 'gold'],
      emailStatus: 'unsubscribed',
    }),
  ],
  [6, customerRecord({ email: 'asha@example.com', firstName: 'Asha', city: 'Chennai', country: 'IN' })],
  [
    7,
    customerRecord({
      externalId: 'C003',
      email: 'multi@example.com',
      firstName: 'Multi Line',
      lastName: 'Name',
      city: 'Kolkata',
    }),
  ],
  [9, customerRecord({ externalId: 'C001', email: 'other@example.com', firstName: 'Dup', lastName: 'Person' })],
  [10, customerRecord({ email: 'john.doe@example.com', firstName: 'Dupe', lastName: 'ByEmail' })],
  [
    13,
    customerRecord({
      externalId: 'C005',
      email: 'after@example.com',
      phone: '+919876543212',
      firstName: 'After',
      lastName: 'Broken',
    }),
  ],
  [
    15,
    customerRecord({
      externalId: 'C006',
      email: 'zoe@example.se',
      phone: '+46701234567',
      firstName: 'Zoë',
      lastName: 'Ängström',
      city: 'Malmö',
      country: 'SE',
    }),
  ],
  [16, customerRecord({ externalId: '@evil', email: 'mallory@example.com', firstName: '=X', lastName: '-Y' })],
];

const EXPECTED_ISSUES: [number, RowIssue['severity'], string, RegExp][] = [
  [5, 'error', 'E-mail', /^invalid email "ravi@example": domain has no dot$/],
  [5, 'error', 'Mobile', /^invalid phone "12345"/],
  [6, 'warning', 'Mobile', /^invalid phone "98765".*value dropped/],
  [6, 'warning', 'Email Consent', /^unknown status "maybe"/],
  [7, 'warning', 'Country', /^unknown country "Narnia"/],
  [12, 'error', '', /^malformed CSV line: quoted field is never closed$/],
  [14, 'error', 'E-mail', /^row has no email, phone or external id$/],
];

function expectMessyResult(result: Awaited<ReturnType<typeof collect<'customers'>>>): void {
  expect(result.rows.map((r) => [r.rowNumber, r.record])).toEqual(EXPECTED_ROWS);
  expect(result.issues.map((i) => [i.rowNumber, i.severity, i.column, i.message])).toEqual(
    EXPECTED_ISSUES.map(([row, severity, column, message]) => [row, severity, column, expect.stringMatching(message)]),
  );
  expect(result.failedRows).toBe(3);
}

describe('messy customer export', () => {
  it('normalizes every good row and reports every bad one (UTF-8 + BOM, CRLF, comma)', async () => {
    const result = await collect(messyExport(','), { kind: 'customers' });
    expectMessyResult(result);
    expect(result.rows[0].cells).toEqual([
      'C001',
      '  john ',
      'DOE',
      'John.Doe@Example.COM ',
      '098765 43210',
      'Mumbai',
      'india',
      'VIP; new',
      'yes',
      '=SUM(A1:A9)',
    ]);
    const broken = result.issues.find((i) => i.rowNumber === 12);
    expect(broken?.raw).toEqual(['C004,Broken,"Quote,broken@example.com,,,,,,']);
    expect(result.bytesRead).toBe(Buffer.byteLength(messyExport(',')));
  });

  it.each([1, 3, 16])('gives the same result when bytes arrive %i at a time', async (chunkSize) => {
    expectMessyResult(await collect(messyExport(','), { kind: 'customers' }, chunkSize));
  });

  it('reads the semicolon variant', async () => {
    expectMessyResult(await collect(messyExport(';'), { kind: 'customers' }));
  });

  it('reads the tab variant', async () => {
    expectMessyResult(await collect(messyExport('\t'), { kind: 'customers' }));
  });

  it.each([
    ['UTF-16LE with BOM', iconv.encode(messyExport(','), 'utf16le')],
    ['UTF-16BE with BOM', iconv.encode(messyExport(';'), 'utf16be')],
    ['UTF-16LE without BOM', iconv.encode(messyExport(',', false), 'utf16le')],
    ['UTF-8 without BOM', Buffer.from(messyExport(',', false))],
    ['Windows-1252', iconv.encode(messyExport(';', false), 'windows1252')],
  ])('reads %s (accented names intact)', async (_label, bytes) => {
    expectMessyResult(await collect(bytes, { kind: 'customers' }, 7));
  });

  it('streams past the sniffed head with tiny chunks and reports file info', async () => {
    const reader = await openImportFile(
      streamOf(iconv.encode(messyExport(';'), 'utf16le'), 5),
      { kind: 'customers', batchSize: 2 },
      { sniffBytes: 16 },
    );
    expect(reader.info).toMatchObject({ encoding: 'utf-16le', bom: true, delimiter: ';', headerLine: 1 });
    expect(reader.info.headers[0]).toBe('Customer ID');
    const rows: number[] = [];
    let batches = 0;
    for await (const batch of reader.batches()) {
      batches++;
      expect(batch.rows.length + batch.failedRows).toBeLessThanOrEqual(2);
      rows.push(...batch.rows.map((r) => r.rowNumber));
    }
    expect(rows).toEqual(EXPECTED_ROWS.map(([n]) => n));
    expect(batches).toBeGreaterThanOrEqual(6);
  });

  it('finds in-file duplicates with DuplicateTracker', async () => {
    const { rows } = await collect(messyExport(','), { kind: 'customers' });
    const tracker = new DuplicateTracker();
    const dups = rows.map((r) => [r.rowNumber, tracker.check(r.record, r.rowNumber)]).filter(([, m]) => m !== null);
    expect(dups).toEqual([
      [9, { rowNumber: 2, key: 'external_id' }],
      [10, { rowNumber: 2, key: 'email' }],
    ]);
  });

  it('writes a formula-safe error report', async () => {
    const { issues } = await collect(messyExport(','), { kind: 'customers' });
    const report = createErrorReportStream();
    const chunks: string[] = [];
    report.on('data', (c: Buffer) => chunks.push(c.toString()));
    const ended = new Promise((r) => report.on('end', r));
    issues.forEach((i) => report.write(i));
    report.end();
    await ended;
    const rows = parse(chunks.join('')) as string[][];
    expect(rows[0]).toEqual(['row', 'severity', 'column', 'message', 'original']);
    expect(rows).toHaveLength(issues.length + 1);
    const noId = rows.find((r) => r[0] === '14');
    expect(noId?.[4]).toBe(",,,,,,,,,'+cmd");
    expect(parse(noId?.[4] ?? '')[0][9]).toBe("'+cmd");
  });

  it('honours a user mapping and options', async () => {
    const result = await collect(messyExport(','), {
      kind: 'customers',
      mapping: { Notes: 'ignore', 'first name': 'attributes.given', Town: 'attributes.town' },
      defaultCountry: 'GB',
    });
    const row2 = result.rows.find((r) => r.rowNumber === 2)?.record;
    expect(row2).toMatchObject({ firstName: null, city: null, attributes: { given: 'john', town: 'Mumbai' } });
    // Row 6 has country IN, so its phone still reads as Indian (and stays invalid).
    expect(result.issues.some((i) => i.rowNumber === 6 && i.column === 'Mobile')).toBe(true);
  });

  it('previews the first rows with mapping and issues', async () => {
    const preview = await previewCsv(streamOf(messyExport(';')), 'customers', 4);
    expect(preview.encoding).toBe('utf-8');
    expect(preview.delimiter).toBe(';');
    expect(preview.headers).toEqual([
      'Customer ID',
      'First Name',
      'LAST NAME',
      'E-mail',
      'Mobile',
      'Town',
      'Country',
      'Tags',
      'Email Consent',
      'Notes',
    ]);
    expect(preview.mapping.map((m) => m.target)).toEqual([
      'external_id',
      'first_name',
      'last_name',
      'email',
      'phone',
      'city',
      'country',
      'tags',
      'email_status',
      'attributes.notes',
    ]);
    expect(preview.rows.map((r) => [r.rowNumber, r.record !== null, r.issues.length])).toEqual([
      [2, true, 0],
      [3, true, 0],
      [5, false, 2],
      [6, true, 2],
    ]);
  });
});

describe('files that are empty or not CSV', () => {
  it.each([
    ['empty', ''],
    ['BOM only', '\ufeff'],
    ['blank lines', '\r\n\r\n  \r\n'],
    ['header only', 'email,phone'],
    ['header only with CRLF', '\ufeffemail,phone\r\n\r\n'],
  ])('%s file gives zero rows and no error', async (_label, text) => {
    const result = await collect(text, { kind: 'customers' });
    expect(result.rows).toEqual([]);
    expect(result.issues).toEqual([]);
    expect(result.batches).toBe(0);
  });

  it('rejects a PNG', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    await expect(collect(png, { kind: 'customers' })).rejects.toThrow(NotCsvError);
    await expect(collect(png, { kind: 'customers' })).rejects.toThrow('The file is not a CSV file: it is a PNG image.');
  });

  it('rejects an xlsx (ZIP) and binary data with NUL bytes', async () => {
    await expect(collect(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { kind: 'customers' })).rejects.toThrow(
      /xlsx/,
    );
    await expect(collect(Buffer.from('email\nx@y.com\u0000\u0001\u0002\n'), { kind: 'customers' })).rejects.toThrow(
      /NUL bytes/,
    );
  });

  it('rejects NUL bytes found after the sniffed head', async () => {
    const text = 'email\n' + 'a@example.com\n'.repeat(10) + '\u0000\u0000';
    const reader = await openImportFile(streamOf(text, 8), { kind: 'customers' }, { sniffBytes: 16 });
    const consume = async () => {
      for await (const batch of reader.batches()) void batch;
    };
    await expect(consume()).rejects.toThrow(NotCsvError);
  });

  it('rejects an unreadable header', async () => {
    await expect(collect('"email"x,phone\na@b.com,1\n', { kind: 'customers' })).rejects.toThrow(/header \(line 1\)/);
  });
});
