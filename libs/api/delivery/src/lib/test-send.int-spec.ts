import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { signInTeam, testDrivers, type TeamTokens } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';
import { SmtpSink, startSmtpSink } from '../testing/smtp-sink';

const LIMIT = 6;

async function customerId(h: DeliveryHarness, email: string): Promise<string> {
  const rows = rowsOf<{ id: string }>(
    await h.t.db.handle.db.execute(sql`select id from customers where email = ${email}`),
  );
  return rows[0].id;
}

async function messageCount(h: DeliveryHarness): Promise<number> {
  const rows = rowsOf<{ n: number }>(await h.t.db.handle.db.execute(sql`select count(*)::int as n from messages`));
  return Number(rows[0].n);
}

async function auditCount(h: DeliveryHarness): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await h.t.db.handle.db.execute(sql`select count(*)::int as n from audit_log where action = 'campaign.test_sent'`),
  );
  return Number(rows[0].n);
}

describe.each(testDrivers())('send a test over SMTP (%s)', (driver) => {
  let h: DeliveryHarness;
  let sink: SmtpSink;
  let team: TeamTokens;
  let sample: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await startDeliveryHarness(driver, {
      env: {
        EMAIL_PROVIDER: 'smtp',
        SMTP_URL: sink.url,
        EMAIL_FROM: '"Mini Shop" <news@shop.example>',
        TEST_SEND_LIMIT_PER_HOUR: String(LIMIT),
      },
    });
    await seedCustomers(h.t.db.handle.db, makeCustomers(3, 'Agra'));
    team = await signInTeam(h.t);
    sample = await customerId(h, 'c1@example.com');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  }, 60_000);

  const content = {
    channel: 'email',
    subject: 'Sale for {{first_name|you}}',
    preheader: 'Only this week, {{first_name|friend}}',
    message: '<p onclick="x()">Hi {{first_name|there}}</p><p><a href="https://shop.example/sale">Sale</a></p>',
  };

  it('delivers a marketer’s test, rendered for the sample customer, as multipart mail without touching campaigns', async () => {
    const before = await auditCount(h);
    const res = await h.t.request('POST', '/api/campaigns/test-send', {
      token: team.marketer,
      body: { ...content, customerId: sample, to: ['Me@Work.example', ' boss@work.example ', 'me@work.example'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provider: 'smtp', customerId: sample, subject: '[Test] Sale for Name1' });
    expect(res.body.results).toEqual([
      { to: 'me@work.example', status: 'sent', detail: expect.stringMatching(/^<[\w-]+@shop\.example>$/) },
      { to: 'boss@work.example', status: 'sent', detail: expect.stringMatching(/^<[\w-]+@shop\.example>$/) },
    ]);
    await h.waitFor('both test mails parsed', async () => sink.messages.length >= 2);
    expect(sink.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['boss@work.example', 'me@work.example']);
    for (const mail of sink.messages) {
      expect(mail.header('content-type')).toMatch(/^multipart\/alternative/);
      expect(mail.parsed.subject).toBe('[Test] Sale for Name1');
      const html = String(mail.parsed.html);
      expect(html).toContain('<p>Hi Name1</p>');
      expect(html).not.toContain('onclick');
      expect(html).toMatch(/<div class="preheader" style="display:none;[^"]*">Only this week, Name1/);
      // Untracked: the link as written, no pixel; the unsubscribe link cannot unsubscribe the sample customer.
      expect(html).toContain('href="https://shop.example/sale"');
      expect(html).not.toContain('/o/');
      expect(html).toContain('href="http://127.0.0.1/api/unsubscribe/test-message"');
      expect(mail.header('list-unsubscribe')).toBeUndefined();
      expect(String(mail.parsed.text)).toContain('Hi Name1');
    }
    expect(await messageCount(h)).toBe(0);
    expect(await auditCount(h)).toBe(before + 1);
  });

  it('refuses bad input field by field, and viewers', async () => {
    const send = (body: Record<string, unknown>, token = team.marketer) =>
      h.t.request('POST', '/api/campaigns/test-send', { token, body: { ...content, customerId: sample, ...body } });
    const badAddress = await send({ to: ['ok@work.example', 'not-an-address'] });
    expect(badAddress.status).toBe(400);
    expect(badAddress.body.details).toEqual([{ path: 'to[1]', message: expect.stringContaining('not-an-address') }]);
    const tooMany = await send({
      to: ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example', 'e@x.example', 'f@x.example'],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0].path).toBe('to');
    expect((await send({ to: [] })).body.details[0].path).toBe('to');
    const noSubject = await send({ subject: '  ', to: ['a@x.example'] });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.details).toEqual([{ path: 'subject', message: 'Subject is required for email' }]);
    const unknownToken = await send({ preheader: '{{shoe_size}}', to: ['a@x.example'] });
    expect(unknownToken.body.details).toEqual([{ path: 'preheader', message: 'unknown token {{shoe_size}}' }]);
    const nobody = await send({ customerId: '00000000-0000-4000-8000-000000000000', to: ['a@x.example'] });
    expect(nobody.status).toBe(400);
    expect(nobody.body.details).toEqual([{ path: 'customerId', message: expect.stringContaining('no customer') }]);
    expect((await send({ customerId: 'nope', to: ['a@x.example'] })).body.details[0].path).toBe('customerId');
    expect((await send({ to: ['a@x.example'] }, team.viewer)).status).toBe(403);
    expect(sink.messages).toHaveLength(2);
  });

  it('limits test messages per caller and hour, counted per recipient', async () => {
    const send = (to: string[]) =>
      h.t.request('POST', '/api/campaigns/test-send', {
        token: team.marketer,
        body: { ...content, customerId: sample, to },
      });
    // 2 of 6 are spent by the first test; 5 more would pass the limit.
    const over = await send(['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example', 'e@x.example']);
    expect(over.status).toBe(429);
    expect(over.body.message).toMatch(/^Too many test messages: 6 an hour per user \(2 in the last hour\)/);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect((await send(['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example'])).status).toBe(200);
    expect((await send(['z@x.example'])).status).toBe(429);
    // Another caller has a budget of their own.
    const admin = await h.t.request('POST', '/api/campaigns/test-send', {
      token: team.admin,
      body: { ...content, customerId: sample, to: ['z@x.example'] },
    });
    expect(admin.status).toBe(200);
    await h.waitFor('every admitted mail parsed', async () => sink.messages.length >= 7);
    expect(sink.messages).toHaveLength(7);
  });
});

describe.each(testDrivers())('send a test through the vendor (default provider) (%s)', (driver) => {
  let h: DeliveryHarness;
  let sample: string;

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { stub: { failRate: 0 } });
    await seedCustomers(h.t.db.handle.db, makeCustomers(2, 'Agra'));
    sample = await customerId(h, 'c1@example.com');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  }, 60_000);

  it('hands an SMS test to the vendor, rendered for the sample, and records no message', async () => {
    const res = await h.t.request('POST', '/api/campaigns/test-send', {
      token: h.token,
      body: {
        channel: 'sms',
        message: 'Hi {{first_name|there}}, 20% off today',
        customerId: sample,
        to: ['98765 43210'],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.provider).toBe('vendor');
    expect(res.body.results).toEqual([{ to: '+919876543210', status: 'sent', detail: expect.any(String) }]);
    const sent = h.stub.stats();
    expect(sent.accepted).toBe(1);
    const bad = await h.t.request('POST', '/api/campaigns/test-send', {
      token: h.token,
      body: { channel: 'sms', message: 'Hi', customerId: sample, to: ['12'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: 'to[0]', message: expect.stringContaining('not a phone number') }]);
    expect(await messageCount(h)).toBe(0);
  });

  it('hands an email test to the vendor with its subject', async () => {
    const res = await h.t.request('POST', '/api/campaigns/test-send', {
      token: h.token,
      body: {
        channel: 'email',
        subject: 'Hello {{first_name}}',
        message: '<p>Hi</p>',
        customerId: sample,
        to: ['me@work.example'],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ to: 'me@work.example', status: 'sent', detail: expect.any(String) }]);
    expect(res.body.subject).toBe('[Test] Hello Name1');
    expect(h.stub.stats().accepted).toBe(2);
    expect(await messageCount(h)).toBe(0);
  });
});
