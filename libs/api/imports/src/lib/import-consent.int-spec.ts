import { signInTeam, startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';
import { importFile, upload } from './testing/import-api.fixture';

interface CustomerView {
  id: string;
  email: string | null;
  emailStatus: string;
  smsStatus: string;
}

interface HistoryItem {
  channel: string;
  status: string;
  source: string;
  note: string | null;
  actorEmail: string | null;
}

describe.each(testDrivers())('consent on import (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let marketer: string;

  beforeAll(async () => {
    // Tiny batches: events are written for rows inserted in several batches.
    t = await startTestApp({ driver, env: { IMPORT_BATCH_SIZE: '2' } });
    ({ admin, marketer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  const byEmail = async (email: string): Promise<CustomerView> => {
    const res = await t.request('GET', `/api/customers?q=${encodeURIComponent(email)}`, { token: admin });
    const found = (res.body.items as CustomerView[]).filter((c) => c.email === email);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const history = async (id: string): Promise<HistoryItem[]> => {
    const res = await t.request('GET', `/api/customers/${id}/consent-history`, { token: marketer });
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('applies the consent chosen in the form to rows without a consent value and records it as the source', async () => {
    const csv = [
      'email,phone,Email Consent',
      'form1@example.com,+919800000001,',
      'form2@example.com,+919800000002,unsubscribed',
      'form3@example.com,+919800000003,',
    ].join('\n');
    const job = await importFile(t, marketer, csv, {
      kind: 'customers',
      emailConsent: 'subscribed',
      smsConsent: 'unsubscribed',
      consentSource: 'store checkout opt-in',
    });
    expect(job).toMatchObject({ status: 'completed', inserted: 3 });
    const res = await t.request('GET', `/api/imports/${job.id}`, { token: marketer });
    expect(res.body.consent).toEqual({ email: 'subscribed', sms: 'unsubscribed', source: 'store checkout opt-in' });

    expect(await byEmail('form1@example.com')).toMatchObject({ emailStatus: 'subscribed', smsStatus: 'unsubscribed' });
    const two = await byEmail('form2@example.com');
    expect(two).toMatchObject({ emailStatus: 'unsubscribed', smsStatus: 'unsubscribed' });
    const events = await history(two.id);
    expect(events).toHaveLength(2);
    expect(events.map((e) => [e.channel, e.status, e.source]).sort()).toEqual([
      ['email', 'unsubscribed', 'import'],
      ['sms', 'unsubscribed', 'import'],
    ]);
    expect(events[0].note).toContain('store checkout opt-in');
    expect(events[0].note).toContain('SMS unsubscribed');
    expect(events[0].actorEmail).toBe('marketer@example.com');
  });

  it('takes the admin’s default when the form says nothing; only an admin sets it', async () => {
    const before = await t.request('GET', '/api/settings/consent', { token: marketer });
    expect(before.body).toEqual({ importEmailStatus: 'subscribed', importSmsStatus: 'subscribed' });
    const setting = { importEmailStatus: 'unsubscribed', importSmsStatus: 'subscribed' };
    expect((await t.request('PUT', '/api/settings/consent', { token: marketer, body: setting })).status).toBe(403);
    const bad = await t.request('PUT', '/api/settings/consent', {
      token: admin,
      body: { importEmailStatus: 'blocklisted', importSmsStatus: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'importEmailStatus',
      'importSmsStatus',
    ]);
    expect((await t.request('PUT', '/api/settings/consent', { token: admin, body: setting })).body).toEqual(setting);

    const job = await importFile(t, marketer, 'email\ndefault1@example.com\n', { kind: 'customers' });
    expect(job).toMatchObject({ status: 'completed', inserted: 1 });
    expect(await byEmail('default1@example.com')).toMatchObject({
      emailStatus: 'unsubscribed',
      smsStatus: 'subscribed',
    });

    const wrong = await upload(t, marketer, 'email\nx@example.com\n', { kind: 'customers', smsConsent: 'yes' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([
      { path: 'smsConsent', message: 'SMS consent must be one of subscribed, unsubscribed' },
    ]);
    await t.request('PUT', '/api/settings/consent', {
      token: admin,
      body: { importEmailStatus: 'subscribed', importSmsStatus: 'subscribed' },
    });
  });

  it('a re-import never re-subscribes an unsubscribed customer, and what it tightens is in the history', async () => {
    await importFile(t, marketer, 'email,sms consent\nagain@example.com,subscribed\n', { kind: 'customers' });
    const c = await byEmail('again@example.com');
    const off = await t.request('PATCH', `/api/customers/${c.id}`, {
      token: marketer,
      body: { emailStatus: 'unsubscribed' },
    });
    expect(off.status).toBe(200);

    for (const duplicatePolicy of ['update', 'merge']) {
      const job = await importFile(
        t,
        marketer,
        'email,email consent,sms consent,city\nagain@example.com,subscribed,unsubscribed,Pune\n',
        { kind: 'customers', duplicatePolicy, emailConsent: 'subscribed' },
      );
      expect(job.status).toBe('completed');
    }
    expect(await byEmail('again@example.com')).toMatchObject({
      emailStatus: 'unsubscribed',
      smsStatus: 'unsubscribed',
    });
    const events = await history(c.id);
    expect(events.map((e) => [e.channel, e.status, e.source])).toEqual([
      ['sms', 'unsubscribed', 'import'],
      ['email', 'unsubscribed', 'api'],
      ['email', 'subscribed', 'import'],
      ['sms', 'subscribed', 'import'],
    ]);
  });
});
