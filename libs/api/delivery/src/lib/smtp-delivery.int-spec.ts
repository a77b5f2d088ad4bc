import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';
import { SmtpSink, startSmtpSink } from '../testing/smtp-sink';

const N = 24;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const REFUSED = 'c3@example.com';
const BUSY = 'c5@example.com';

describe.each(testDrivers())('email campaign over SMTP (%s)', (driver) => {
  let h: DeliveryHarness;
  let sink: SmtpSink;
  let segmentId: string;
  const busyTries: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink({
      user: 'mailer',
      pass: 'p@ss word',
      refuse(address) {
        if (address === REFUSED) return { code: 550, message: 'No such user' };
        // The first attempt at BUSY is deferred (4xx): the message must come through on the retry.
        if (address === BUSY && busyTries.push(address) === 1) return { code: 451, message: 'Try again later' };
        return null;
      },
    });
    h = await startDeliveryHarness(driver, {
      env: {
        EMAIL_PROVIDER: 'smtp',
        SMTP_URL: sink.url,
        EMAIL_FROM: '"Mini Shop" <news@shop.example>',
        EMAIL_REPLY_TO: 'help@shop.example',
        EMAIL_UNSUBSCRIBE_MAILTO: 'unsubscribe@shop.example',
        SMTP_POOL_SIZE: '3',
        // A person clicks the link in this test right after sending: not machine traffic.
        TRACKING_MACHINE_WINDOW_SECONDS: '0',
      },
    });
    await seedCustomers(h.t.db.handle.db, makeCustomers(N, 'Nashik'));
    segmentId = await h.createSegment('Nashik', 'Nashik');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  }, 60_000);

  it('delivers every message once as multipart mail with one-click unsubscribe and working tracked links', async () => {
    const { id } = await h.createCampaign({
      name: 'Nashik mail',
      segmentId,
      channel: 'email',
      subject: 'Hello {{first_name|friend}}',
      message:
        '<p>Hi {{first_name|there}} &amp; welcome.</p><p><a href="https://shop.example/sale">See the sale</a></p>',
    });
    expect((await h.launch(id)).status).toBe(200);
    const stats = await h.waitFor('campaign to complete', async () => {
      const s = await h.stats(id);
      return s['status'] === 'completed' ? s : null;
    });
    expect(stats).toMatchObject({ audience: N, sent: N - 1, failed: 1, queued: 0 });
    await h.waitFor('sink to parse every message', async () => sink.messages.length >= N - 1);

    const rows = rowsOf<{
      id: string;
      email: string;
      status: string;
      vendor_message_id: string | null;
      failure_reason: string | null;
    }>(
      await h.t.db.handle.db.execute(
        sql`select m.id, c.email, m.status, m.vendor_message_id, m.failure_reason from messages m join customers c on c.id = m.customer_id where m.campaign_id = ${id}`,
      ),
    );
    expect(rows.find((r) => r.email === REFUSED)).toMatchObject({ status: 'failed', failure_reason: 'smtp_550' });

    const byId = new Map(sink.messages.map((m) => [m.header('x-mini-crm-message-id'), m]));
    expect(sink.messages).toHaveLength(N - 1);
    expect(byId.size).toBe(N - 1);
    for (const row of rows.filter((r) => r.email !== REFUSED)) {
      const mail = byId.get(row.id);
      expect(mail).toBeDefined();
      if (!mail) continue;
      expect(mail.envelopeTo).toEqual([row.email]);
      expect(mail.header('message-id')).toBe(`<${row.id}@shop.example>`);
      expect(row.vendor_message_id).toBe(`<${row.id}@shop.example>`);
      expect(mail.parsed.from?.value).toEqual([{ name: 'Mini Shop', address: 'news@shop.example' }]);
      expect(mail.header('reply-to')).toBe('help@shop.example');
      expect(mail.header('content-type')).toMatch(/^multipart\/alternative/);
      expect(mail.header('list-unsubscribe')).toMatch(
        /^<http:\/\/127\.0\.0\.1\/api\/unsubscribe\/[^>]+>, <mailto:unsubscribe@shop\.example\?subject=unsubscribe>$/,
      );
      expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.parsed.html).toContain('&amp; welcome');
      expect(mail.parsed.text).toContain('& welcome');
      expect(mail.parsed.text).not.toContain('<p>');
    }
    expect(busyTries).toEqual([BUSY, BUSY]);
    const first = sink.messages.find((m) => m.envelopeTo[0] === 'c1@example.com');
    expect(first?.parsed.subject).toBe('Hello Name1');
    expect(sink.messages.find((m) => m.envelopeTo[0] === 'c0@example.com')?.parsed.subject).toBe('Hello friend');

    // The tracked link of the text part redirects to the destination and counts a click.
    const link = /http:\/\/127\.0\.0\.1(\/r\/[\w-]+)/.exec(String(first?.parsed.text))?.[1];
    expect(link).toBeDefined();
    expect(String(first?.parsed.html)).toContain(`http://127.0.0.1${link}`);
    const click = await fetch(`${h.t.baseUrl}${link}`, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://shop.example/sale');
    await h.waitFor('the click to count', async () => Number((await h.stats(id))['clicked']) === 1);

    // One-click unsubscribe (RFC 8058): the mail client POSTs List-Unsubscribe=One-Click to the header's URL.
    const unsubscribe = /^<http:\/\/127\.0\.0\.1([^>]+)>/.exec(String(first?.header('list-unsubscribe')))?.[1];
    const res = await fetch(`${h.t.baseUrl}${unsubscribe}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const status = rowsOf<{ email_status: string }>(
      await h.t.db.handle.db.execute(sql`select email_status from customers where email = 'c1@example.com'`),
    );
    expect(status[0].email_status).toBe('unsubscribed');
  });

  it('shows the channels settings without secrets and checks the SMTP connection', async () => {
    const res = await h.t.request('GET', '/api/settings/channels', { token: h.token });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      channel: 'email',
      provider: 'smtp',
      ready: true,
      sender: '"Mini Shop" <news@shop.example>',
      replyTo: 'help@shop.example',
    });
    expect(res.body.items[0].variables).toContain('SMTP_URL');
    expect(res.body.items[1]).toMatchObject({ channel: 'sms', provider: 'vendor' });
    const check = await h.t.request('POST', '/api/settings/channels/email/check', { token: h.token });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ ok: true, detail: expect.stringContaining(`127.0.0.1:${sink.port}`) });
    for (const text of [res.text, check.text]) {
      expect(text).not.toContain('p@ss');
      expect(text).not.toContain('mailer:');
    }
    expect((await h.t.request('POST', '/api/settings/channels/fax/check', { token: h.token })).status).toBe(400);
  });
});
