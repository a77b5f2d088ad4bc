import { startTestApp, testDrivers, waitUntil, type TestApp } from '@mini-crm/api/testing';
import { importFile, upload, waitForImport } from './testing/import-api.fixture';

/** Imports standardize cities with built-in and admin aliases, and Admin › Audit records who imported what. */
describe.each(testDrivers())('import standardization and audit (%s)', (driver) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ driver });
    admin = (await t.login('admin@example.com')).accessToken;
  });
  afterAll(async () => t?.close());

  const cities = async () => {
    const res = await t.request('GET', '/api/customers?limit=100', { token: admin });
    return Object.fromEntries(res.body.items.map((c: { email: string; city: string }) => [c.email, c.city]));
  };

  it('applies built-in and admin aliases in the preview and the import', async () => {
    const csv = 'email,city\nb1@example.com,BOMBAY\nb2@example.com, blr \nb3@example.com,pune\n';
    const before = await upload(t, admin, csv, { kind: 'customers' }, '/api/imports/preview');
    expect(before.body.rows.map((r: { record: { city: string } }) => r.record.city)).toEqual(['Mumbai', 'Blr', 'Pune']);

    const saved = await t.request('PUT', '/api/settings/city-aliases/blr', {
      token: admin,
      body: { city: 'Bengaluru' },
    });
    expect(saved.status).toBe(200);

    const preview = await upload(t, admin, csv, { kind: 'customers' }, '/api/imports/preview');
    expect(preview.body.rows.map((r: { record: { city: string } }) => r.record.city)).toEqual([
      'Mumbai',
      'Bengaluru',
      'Pune',
    ]);
    const job = await importFile(t, admin, csv, { kind: 'customers' });
    expect(job).toMatchObject({ status: 'completed', inserted: 3 });
    expect(await cities()).toMatchObject({
      'b1@example.com': 'Mumbai',
      'b2@example.com': 'Bengaluru',
      'b3@example.com': 'Pune',
    });
  });

  it('audits an import: who, which file, and its counts when it ends', async () => {
    const csv = 'email,city\nc1@example.com,Delhi\nnot-an-email,Delhi\n';
    const res = await upload(t, admin, csv, { kind: 'customers' }, '/api/imports', 'spring-leads.csv');
    expect(res.status).toBe(202);
    await waitForImport(t, admin, res.body.id);
    const started = await t.request('GET', '/api/audit?action=import.started', { token: admin });
    expect(started.body.items[0]).toMatchObject({
      actorEmail: 'admin@example.com',
      entity: 'import',
      entityId: res.body.id,
      diff: { kind: 'customers', fileName: 'spring-leads.csv', duplicatePolicy: 'skip' },
    });
    // The finished entry follows the job's terminal status: wait for it.
    const finished = await waitUntil('the import.finished audit entry', async () => {
      const audit = await t.request('GET', '/api/audit?action=import.finished', { token: admin });
      return (audit.body.items as Array<{ entityId: string }>).find((i) => i.entityId === res.body.id);
    });
    expect(finished).toMatchObject({
      actorEmail: 'admin@example.com',
      diff: { kind: 'customers', fileName: 'spring-leads.csv', status: 'completed', rows: 2, inserted: 1, failed: 1 },
    });
  });
});
