import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';
import { SmtpSink, startSmtpSink } from '../testing/smtp-sink';

const N = 4;
/** A customer whose name is markup: it must arrive as text, never as tags. */
const TRICKY = { firstName: '<b>Tom & "Jerry"</b>', lastName: 'Q', city: 'Surat', email: 'tricky@example.com' };

const DIRTY_BODY =
  '<table role="presentation" width="100%"><tr><td style="padding:8px;color:#333">' +
  '<p onclick="steal()">Hi {{first_name|there}}, the sale is on.</p>' +
  '<script>alert(1)</script><a href="javascript:alert(1)">Bad</a>' +
  '<img src="https://shop.example/banner.png" onerror="alert(2)" alt="Summer sale">' +
  '<p><a href="https://shop.example/sale">See the sale</a> · <a href="{{unsubscribe_url}}">Unsubscribe here</a></p>' +
  '</td></tr></table>';

describe.each(testDrivers())('email content: subject, preheader, sanitized HTML (%s)', (driver) => {
  let h: DeliveryHarness;
  let sink: SmtpSink;
  let segmentId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await startDeliveryHarness(driver, {
      env: { EMAIL_PROVIDER: 'smtp', SMTP_URL: sink.url, EMAIL_FROM: '"Mini Shop" <news@shop.example>' },
    });
    await seedCustomers(h.t.db.handle.db, [...makeCustomers(N, 'Surat'), TRICKY]);
    segmentId = await h.createSegment('Surat', 'Surat');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  }, 60_000);

  it('stores the body sanitized and the preheader, and answers field-level 400s', async () => {
    const created = await h.t.request('POST', '/api/campaigns', {
      token: h.token,
      body: {
        name: 'Sanitized',
        segmentId,
        channel: 'email',
        subject: 'Sale for {{first_name|you}}',
        preheader: '  Up to 50% off, {{first_name|friend}}  ',
        message: DIRTY_BODY,
      },
    });
    expect(created.status).toBe(201);
    const saved = created.body.message as string;
    for (const bad of ['<script', 'onclick', 'onerror', 'javascript:']) expect(saved).not.toContain(bad);
    expect(saved).toContain('<p>Hi {{first_name|there}}, the sale is on.</p>');
    expect(saved).toContain('<img src="https://shop.example/banner.png" alt="Summer sale" />');
    expect(saved).toContain('<a href="{{unsubscribe_url}}">Unsubscribe here</a>');
    expect(created.body.preheader).toBe('Up to 50% off, {{first_name|friend}}');
    const stored = rowsOf<{ message: string; preheader: string }>(
      await h.t.db.handle.db.execute(sql`select message, preheader from campaigns where id = ${created.body.id}`),
    );
    expect(stored[0]).toEqual({ message: saved, preheader: 'Up to 50% off, {{first_name|friend}}' });

    // An edit is sanitized too; an SMS campaign has no preheader.
    const edited = await h.t.request('PATCH', `/api/campaigns/${created.body.id}`, {
      token: h.token,
      body: { message: '<p>New</p><iframe src="https://evil.example"></iframe><a href="JAVASCRIPT:x()">y</a>' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.message).toBe('<p>New</p><a>y</a>');
    const sms = await h.createCampaign({ name: 'Text', segmentId, channel: 'sms', message: 'Hi', preheader: 'x' });
    expect((await h.t.request('GET', `/api/campaigns/${sms.id}`, { token: h.token })).body.preheader).toBeNull();

    const bad = async (body: Record<string, unknown>) =>
      h.t.request('POST', '/api/campaigns', { token: h.token, body: { name: 'Bad', segmentId, ...body } });
    const long = await bad({ channel: 'email', subject: 's', preheader: 'p'.repeat(201), message: '<p>x</p>' });
    expect(long.status).toBe(400);
    expect(long.body.details).toEqual([
      { path: 'preheader', message: expect.stringMatching(/200 characters at most/) },
    ]);
    const token = await bad({ channel: 'email', subject: 's', preheader: 'Hi {{shoe_size}}', message: '<p>x</p>' });
    expect(token.status).toBe(400);
    expect(token.body.details).toEqual([{ path: 'preheader', message: 'unknown token {{shoe_size}}' }]);
    const smsUnsub = await bad({ channel: 'sms', message: 'Stop: {{unsubscribe_url}}' });
    expect(smsUnsub.status).toBe(400);
    expect(smsUnsub.body.details).toEqual([{ path: 'message', message: 'unknown token {{unsubscribe_url}}' }]);
    const smsLong = await bad({ channel: 'sms', message: 'x'.repeat(10_001) });
    expect(smsLong.status).toBe(400);
    expect(smsLong.body.details).toEqual([{ path: 'message', message: expect.stringContaining('10,000 characters') }]);
    // An email body may be far longer than an SMS.
    expect((await bad({ channel: 'email', subject: 's', message: `<p>${'x'.repeat(50_000)}</p>` })).status).toBe(201);
  });

  it('previews the whole document for real customers, with warnings', async () => {
    const res = await h.t.request('POST', '/api/campaigns/preview', {
      token: h.token,
      body: {
        segmentId,
        channel: 'email',
        subject: 'Hi {{first_name|you}}',
        preheader: 'For {{first_name|you}}',
        message: '<p onmouseover="x()">Hi {{first_name|there}}</p><img src="https://shop.example/a.png">',
        limit: 10,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([
      expect.stringContaining('No unsubscribe link placed'),
      '1 image has no alt text: readers with images off or screen readers see nothing.',
    ]);
    const tricky = res.body.samples.find((s: { recipient: string }) => s.recipient === 'tricky@example.com');
    expect(tricky.preheader).toBe('For <b>Tom & "Jerry"</b>');
    expect(tricky.text).toContain('<p>Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</p>');
    expect(tricky.text).not.toContain('onmouseover');
    expect(tricky.document).toMatch(/^<!DOCTYPE html>/);
    expect(tricky.document).toContain('For &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
    expect(tricky.document).toContain('>Unsubscribe</a>');
  });

  it('sends multipart mail with the preheader hidden, tokens escaped and the unsubscribe link where it was placed', async () => {
    const { id } = await h.createCampaign({
      name: 'Placed unsubscribe',
      segmentId,
      channel: 'email',
      subject: 'Sale for {{first_name|you}}',
      preheader: 'Up to 50% off, {{first_name|friend}}',
      message: DIRTY_BODY,
    });
    expect((await h.launch(id)).status).toBe(200);
    await h.waitFor('campaign to complete', async () => (await h.stats(id))['status'] === 'completed');
    await h.waitFor('every message parsed', async () => sink.messages.length >= N + 1);
    expect(sink.messages).toHaveLength(N + 1);
    const mail = sink.messages.find((m) => m.envelopeTo[0] === 'tricky@example.com');
    if (!mail) throw new Error('no mail for tricky@example.com');
    expect(mail.header('content-type')).toMatch(/^multipart\/alternative/);
    expect(mail.parsed.subject).toBe('Sale for <b>Tom & "Jerry"</b>');
    const html = String(mail.parsed.html);
    expect(html).toMatch(/^<!DOCTYPE html><html><head><meta charset="utf-8">/);
    const hidden = /<div class="preheader" style="display:none;[^"]*">([^<]*)</.exec(html);
    expect(hidden?.[1]).toMatch(/^Up to 50% off, &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;\/b&gt;/);
    expect(html.indexOf('class="preheader"')).toBeLessThan(html.indexOf('<table'));
    expect(html).toContain('Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;, the sale is on.');
    for (const bad of ['<script', 'onclick', 'onerror', 'javascript:', '<b>Tom']) expect(html).not.toContain(bad);
    // The placed link is the recipient's own unsubscribe URL, and no second footer link is added.
    const unsubscribe = /<a href="(http:\/\/127\.0\.0\.1\/api\/unsubscribe\/[^"]+)">Unsubscribe here<\/a>/.exec(
      html,
    )?.[1];
    expect(unsubscribe).toBeDefined();
    expect(mail.header('list-unsubscribe')).toBe(`<${unsubscribe}>`);
    expect(html).not.toContain('>Unsubscribe</a>');
    // The text part: the body's words, not the hidden preheader or markup.
    const text = String(mail.parsed.text);
    expect(text).toContain('Hi <b>Tom & "Jerry"</b>, the sale is on.');
    expect(text).not.toContain('Up to 50% off');
    expect(text).not.toContain('<table');
  });
});
