import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';
import { expectIdentity, importFile, messyCustomersCsv, upload, waitForImport } from './testing/import-api.fixture';
import { MESSY_JOHN } from './testing/customer-record.fixture';

describe.each(testDrivers())('imports (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    // Tiny batches so duplicates are found both inside a batch and across committed batches.
    t = await startTestApp({ driver, env: { IMPORT_BATCH_SIZE: '4' } });
    admin = (await t.login('admin@example.com')).accessToken;
    viewer = (await t.login('viewer@example.com')).accessToken;
  });
  afterAll(async () => t?.close());

  const customer = async (where: string) => {
    const res = await t.request('GET', `/api/customers?q=${encodeURIComponent(where)}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('imports the messy export: exact counts, normalized rows, bad rows in a formula-safe report', async () => {
    const job = await importFile(t, admin, messyCustomersCsv(), { kind: 'customers' });
    expect(job).toMatchObject({
      status: 'completed',
      rows: 11,
      inserted: 5,
      updated: 0,
      duplicates: 2,
      failed: 4,
      warnings: 2,
      percent: 100,
    });
    expectIdentity(job);

    const [john] = await customer('john.doe@example.com');
    expect(john).toMatchObject(MESSY_JOHN);
    const [priya] = await customer('priya@example.in');
    expect(priya).toMatchObject({
      phone: '+919876543211',
      city: 'Pune',
      tags: ['vip', 'gold'],
      emailStatus: 'unsubscribed',
    });
    const [asha] = await customer('asha@example.com');
    expect(asha).toMatchObject({ phone: null, country: 'IN', emailStatus: 'subscribed' });
    expect(await customer('ravi@example')).toEqual([]);
    expect(await customer('other@example.com')).toEqual([]);

    const report = await t.request('GET', `/api/imports/${job.id}/errors.csv`, { token: admin });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/csv');
    const records = parse(report.text, { columns: true }) as Array<Record<string, string>>;
    const errorRows = [...new Set(records.filter((r) => r['severity'] === 'error').map((r) => Number(r['row'])))];
    expect(errorRows).toEqual([5, 9, 10, 13]);
    expect(records.filter((r) => r['severity'] === 'warning').map((r) => Number(r['row']))).toEqual([6, 6]);
    for (const r of records) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const row13 = records.find((r) => r['row'] === '13');
    expect(row13?.['original']).toContain("'=1+2");
    expect(records.find((r) => r['row'] === '9')?.['original']).toContain("'+cmd");

    // The report echoes rows: an export of personal data, refused to viewers, audited with its row count.
    expect((await t.request('GET', `/api/imports/${job.id}/errors.csv`, { token: viewer })).status).toBe(403);
    const audit = await t.request('GET', '/api/audit?action=import.errors_exported', { token: admin });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorEmail: 'admin@example.com',
        entityId: job.id,
        diff: { rows: records.length, complete: true },
      }),
    ]);
  });

  it('re-importing the same file with skip adds nothing', async () => {
    const before = rowsOf<{ n: number }>(await t.db.handle.db.execute(sql`select count(*)::int as n from customers`))[0]
      .n;
    const job = await importFile(t, admin, messyCustomersCsv(), { kind: 'customers', duplicatePolicy: 'skip' });
    expect(job).toMatchObject({ status: 'completed', rows: 11, inserted: 0, updated: 0, duplicates: 7, failed: 4 });
    const after = rowsOf<{ n: number }>(await t.db.handle.db.execute(sql`select count(*)::int as n from customers`))[0]
      .n;
    expect(after).toBe(before);
  });

  it('update: the file wins for non-empty cells', async () => {
    const csv =
      'external_id,email,first_name,city,tags\nC001,,Johnny,,gold\nC002,priya@example.in,,Bengaluru,\nC002,,,,\n';
    const job = await importFile(t, admin, csv, { kind: 'customers', duplicatePolicy: 'update' });
    expect(job).toMatchObject({ status: 'completed', rows: 3, inserted: 0, updated: 2, duplicates: 1, failed: 0 });
    const [john] = await customer('john.doe@example.com');
    expect(john).toMatchObject({ firstName: 'Johnny', lastName: 'Doe', city: 'Mumbai', tags: ['gold'] });
    const [priya] = await customer('priya@example.in');
    expect(priya).toMatchObject({ city: 'Bengaluru', firstName: 'Priya' });
  });

  it('update never re-subscribes: an unsubscribed channel stays unsubscribed, a subscribed one may be unsubscribed', async () => {
    const [before] = await customer('priya@example.in');
    expect(before.emailStatus).toBe('unsubscribed');
    const csv = 'email,email_status,sms_status\npriya@example.in,subscribed,unsubscribed\n';
    const job = await importFile(t, admin, csv, { kind: 'customers', duplicatePolicy: 'update' });
    expect(job).toMatchObject({ status: 'completed', rows: 1, failed: 0 });
    const [priya] = await customer('priya@example.in');
    expect(priya).toMatchObject({ emailStatus: 'unsubscribed', smsStatus: 'unsubscribed' });
  });

  it('merge: fills only empty fields and unites tags', async () => {
    const csv = 'external_id,first_name,city,tags,phone\nC005,Other,Pune,new,\nN001,New,Agra,,9876500001\n';
    const job = await importFile(t, admin, csv, { kind: 'customers', duplicatePolicy: 'merge' });
    expect(job).toMatchObject({ status: 'completed', rows: 2, inserted: 1, updated: 1, duplicates: 0, failed: 0 });
    const [after] = await customer('after@example.com');
    expect(after).toMatchObject({ firstName: 'After', city: 'Pune', tags: ['new'], phone: '+919876543212' });
    const [fresh] = await customer('N001');
    expect(fresh).toMatchObject({ firstName: 'New', phone: '+919876500001' });
  });

  it('an identifier owned by another customer is not taken over (warning)', async () => {
    const csv = 'external_id,email\nC005,priya@example.in\n';
    const job = await importFile(t, admin, csv, { kind: 'customers', duplicatePolicy: 'update' });
    expect(job).toMatchObject({ status: 'completed', rows: 1, duplicates: 1, warnings: 1 });
    const [after] = await customer('C005');
    expect(after.email).toBe('after@example.com');
  });

  it('imports orders and moves the customer aggregates; unknown customers are row errors', async () => {
    const csv = [
      'order_id,customer_email,customer_external_id,amount,currency,ordered_at',
      'O1,john.doe@example.com,,"1,200.50",INR,2024-03-01',
      'O2,,C002,300,,02/03/2024',
      'O3,nobody@example.com,,50,,2024-03-05',
      'O1,john.doe@example.com,,999,,2024-03-09',
      'O4,priya@example.in,,abc,,2024-03-05',
      'O5,Priya@Example.in,,99.5,,2024-04-01',
    ].join('\n');
    const job = await importFile(t, admin, csv, { kind: 'orders' });
    expect(job).toMatchObject({ status: 'completed', rows: 6, inserted: 3, duplicates: 1, failed: 2 });
    expectIdentity(job);
    const [john] = await customer('john.doe@example.com');
    expect(john).toMatchObject({
      totalSpend: 1200.5,
      orderCount: 1,
      firstOrderAt: '2024-03-01T00:00:00.000Z',
      lastOrderAt: '2024-03-01T00:00:00.000Z',
    });
    const [priya] = await customer('priya@example.in');
    expect(priya).toMatchObject({
      totalSpend: 399.5,
      orderCount: 2,
      firstOrderAt: '2024-03-02T00:00:00.000Z',
      lastOrderAt: '2024-04-01T00:00:00.000Z',
    });
    const report = await t.request('GET', `/api/imports/${job.id}/errors.csv`, { token: admin });
    expect(report.text).toContain('unknown customer');

    // The same file again books nothing and leaves the aggregates alone.
    const again = await importFile(t, admin, csv, { kind: 'orders' });
    expect(again).toMatchObject({ rows: 6, inserted: 0, duplicates: 4, failed: 2 });
    expect((await customer('john.doe@example.com'))[0]).toMatchObject({ totalSpend: 1200.5, orderCount: 1 });
  });

  it('a file that is not CSV is refused with one clear message, before anything is queued', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 0)]);
    for (const path of ['/api/imports', '/api/imports/preview']) {
      const res = await upload(t, admin, png, { kind: 'customers' }, path, 'photo.csv');
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/not a CSV/i);
      expect(res.body.details).toEqual([{ path: 'file', message: res.body.message }]);
    }
  });

  it.each([
    ['empty', '', 'This file is empty'],
    ['blank-lines-only', '\r\n\r\n', 'This file is empty'],
    ['header-only', 'email,phone\r\n', 'This file has column headers but no data rows'],
  ])('%s file: refused, not imported as a green zero', async (_label, content, message) => {
    const before = (await t.request('GET', '/api/imports?limit=100', { token: admin })).body.items.length;
    const res = await upload(t, admin, content, { kind: 'customers' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message, details: [{ path: 'file', message }] });
    expect((await t.request('GET', '/api/imports?limit=100', { token: admin })).body.items.length).toBe(before);
  });

  it('previews a header-only file (the console stops at the mapping step) but not an empty one', async () => {
    const headerOnly = await upload(t, admin, 'email,phone\r\n', { kind: 'customers' }, '/api/imports/preview');
    expect(headerOnly.status).toBe(200);
    expect(headerOnly.body).toMatchObject({ headers: ['email', 'phone'], rows: [] });
    const empty = await upload(t, admin, '', { kind: 'customers' }, '/api/imports/preview');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('This file is empty');
  });

  it('cancel stops the import and the counts match what landed', async () => {
    const lines = ['external_id,email'];
    for (let i = 0; i < 2500; i++) lines.push(`K${i},k${i}@cancel.example.com`);
    const res = await upload(t, admin, lines.join('\n'), { kind: 'customers' });
    expect(res.status).toBe(202);
    const id = res.body.id;
    for (let i = 0; i < 400; i++) {
      const s = await t.request('GET', `/api/imports/${id}`, { token: admin });
      if (s.body.rows > 0 || (s.body.status !== 'queued' && s.body.status !== 'running')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const cancel = await t.request('POST', `/api/imports/${id}/cancel`, { token: admin });
    expect(cancel.status).toBe(200);
    const job = await waitForImport(t, admin, id);
    expect(job.status).toBe('cancelled');
    expect(job.rows).toBeLessThan(2500);
    expectIdentity(job);
    const landed = rowsOf<{ n: number }>(
      await t.db.handle.db.execute(
        sql`select count(*)::int as n from customers where email like '%@cancel.example.com'`,
      ),
    )[0].n;
    expect(landed).toBe(job.inserted);
  });

  it('previews the first rows with the detected mapping', async () => {
    const res = await upload(t, admin, messyCustomersCsv(), { kind: 'customers' }, '/api/imports/preview');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(res.body.mapping.find((m: { header: string }) => m.header === 'E-mail').target).toBe('email');
    expect(res.body.rows.length).toBeGreaterThan(5);
    expect(res.body.rows[0].record.email).toBe('john.doe@example.com');
  });

  it('streams progress as server-sent events and lists past imports', async () => {
    const { id } = (await upload(t, admin, 'email\nsse@example.com\n', { kind: 'customers' })).body;
    await waitForImport(t, admin, id);
    const { ticket } = (await t.request('POST', '/api/auth/stream-ticket', { token: viewer })).body;
    const res = await fetch(`${t.baseUrl}/api/imports/${id}/events?ticket=${ticket}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const data = text
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => JSON.parse(l.slice(5)));
    expect(data[data.length - 1]).toMatchObject({ id, status: 'completed', rows: 1, inserted: 1 });

    const page1 = await t.request('GET', '/api/imports?limit=2', { token: viewer });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].id).toBe(id);
    const page2 = await t.request('GET', `/api/imports?limit=2&cursor=${page1.body.nextCursor}`, { token: viewer });
    expect(page2.body.items[0].id).not.toBe(page1.body.items[1].id);
  });

  it('validates the form and refuses viewers', async () => {
    expect((await upload(t, viewer, 'email\na@b.co\n', { kind: 'customers' })).status).toBe(403);
    const bad = await upload(t, admin, 'email\na@b.co\n', { kind: 'people', duplicatePolicy: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['duplicatePolicy', 'kind']);
    const noFile = await t.request('POST', '/api/imports', {
      token: admin,
      raw: (() => {
        const f = new FormData();
        f.append('kind', 'customers');
        return f;
      })(),
    });
    expect(noFile.status).toBe(400);
  });
});
