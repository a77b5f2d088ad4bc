import { sql } from 'drizzle-orm';
import twilio from 'twilio';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';
import { startTwilioLoopback, TwilioLoopback } from '../testing/twilio-loopback';

const N = 20;
const SID = 'AC' + 'a1'.repeat(16);
const TOKEN = 'twilio-test-auth-token-0123456789';
const FROM = '+15005550006';
const phone = (i: number) => `+9198${String(10_000_000 + i)}`;
/** Customer 2 opted out at Twilio (21610); customer 4's number is invalid (21211). */
const OPTED_OUT = phone(2);
const INVALID = phone(4);

describe.each(testDrivers())('SMS campaign through Twilio (%s)', (driver) => {
  let h: DeliveryHarness;
  let tw: TwilioLoopback;
  let segmentId: string;

  /** A form post to one of our Twilio webhooks, signed as Twilio signs it (or with `signature`). */
  const post = (path: string, params: Record<string, string>, signature?: string) =>
    fetch(`${h.t.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature ?? twilio.getExpectedTwilioSignature(TOKEN, `http://127.0.0.1${path}`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
  const smsStatus = async (p: string) =>
    rowsOf<{ sms_status: string }>(
      await h.t.db.handle.db.execute(sql`select sms_status from customers where phone = ${p}`),
    )[0].sms_status;

  beforeAll(async () => {
    tw = await startTwilioLoopback({
      accountSid: SID,
      authToken: TOKEN,
      errorFor: (to) => (to === OPTED_OUT ? 21610 : to === INVALID ? 21211 : null),
    });
    h = await startDeliveryHarness(driver, {
      env: {
        SMS_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_FROM: FROM,
        TWILIO_API_URL: tw.url,
      },
    });
    await seedCustomers(h.t.db.handle.db, makeCustomers(N, 'Surat'));
    segmentId = await h.createSegment('Surat', 'Surat');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await tw?.close();
  }, 60_000);

  it('sends through the SDK, maps Twilio errors, applies signed status callbacks and refuses forged ones', async () => {
    const { id } = await h.createCampaign({
      name: 'Surat sms',
      segmentId,
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
    });
    expect((await h.launch(id)).status).toBe(200);
    const eligible = makeCustomers(N).filter((c) => c.phone && c.smsStatus === 'subscribed').length;
    const done = await h.waitFor('campaign to complete', async () => {
      const s = await h.stats(id);
      return s['status'] === 'completed' ? s : null;
    });
    expect(done).toMatchObject({ audience: eligible, sent: eligible - 2, failed: 2, queued: 0 });

    const rows = rowsOf<{
      id: string;
      phone: string;
      status: string;
      vendor_message_id: string | null;
      failure_reason: string | null;
    }>(
      await h.t.db.handle.db.execute(
        sql`select m.id, c.phone, m.status, m.vendor_message_id, m.failure_reason from messages m join customers c on c.id = m.customer_id where m.campaign_id = ${id} order by m.seq`,
      ),
    );
    expect(rows.find((r) => r.phone === OPTED_OUT)).toMatchObject({ status: 'failed', failure_reason: 'unsubscribed' });
    expect(rows.find((r) => r.phone === INVALID)).toMatchObject({ status: 'failed', failure_reason: 'twilio_21211' });
    // Twilio's 21610 means the recipient texted STOP to our sender: their SMS status follows.
    expect(await smsStatus(OPTED_OUT)).toBe('unsubscribed');
    // …and their consent history says so, as a STOP from the recipient.
    expect(
      rowsOf<{ status: string; source: string; actor_id: string | null }>(
        await h.t.db.handle.db.execute(
          sql`select e.status, e.source, e.actor_id from consent_events e join customers c on c.id = e.customer_id where c.phone = ${OPTED_OUT} and e.channel = 'sms'`,
        ),
      ),
    ).toEqual([{ status: 'unsubscribed', source: 'stop', actor_id: null }]);
    expect(await smsStatus(INVALID)).toBe('subscribed');

    // Every other message reached Twilio exactly once, from our sender, with its own status callback.
    const sent = rows.filter((r) => r.status === 'sent');
    expect(tw.messages).toHaveLength(sent.length);
    expect(new Set(tw.messages.map((m) => m.params['To'])).size).toBe(sent.length);
    for (const r of sent) {
      const m = tw.messages.find((x) => x.sid === r.vendor_message_id);
      expect(m?.params).toMatchObject({
        To: r.phone,
        From: FROM,
        StatusCallback: `http://127.0.0.1/api/delivery/twilio/status?id=${r.id}`,
      });
    }

    const [a, b, c] = sent;
    const status = (r: (typeof sent)[0]) => `/api/delivery/twilio/status?id=${r.id}`;
    expect(
      (await post(status(a), { MessageSid: String(a.vendor_message_id), MessageStatus: 'sent', To: a.phone })).status,
    ).toBe(200);
    expect(
      (await post(status(a), { MessageSid: String(a.vendor_message_id), MessageStatus: 'delivered', To: a.phone }))
        .status,
    ).toBe(200);
    const undelivered = {
      MessageSid: String(b.vendor_message_id),
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
      To: b.phone,
    };
    expect((await post(status(b), undelivered)).status).toBe(200);
    await h.waitFor('receipts to apply', async () => {
      const s = await h.stats(id);
      return Number(s['delivered']) === 1 && Number(s['failed']) === 3 ? s : null;
    });
    const failedB = rowsOf<{ failure_reason: string }>(
      await h.t.db.handle.db.execute(sql`select failure_reason from messages where id = ${b.id}`),
    );
    expect(failedB[0].failure_reason).toBe('twilio_30003');

    // Forged: a signature from another token, a tampered field, or none at all. Each is 401 and changes nothing.
    const params = { MessageSid: String(c.vendor_message_id), MessageStatus: 'delivered', To: c.phone };
    const forged = twilio.getExpectedTwilioSignature('not-the-token', `http://127.0.0.1${status(c)}`, params);
    expect((await post(status(c), params, forged)).status).toBe(401);
    const signedForA = twilio.getExpectedTwilioSignature(TOKEN, `http://127.0.0.1${status(a)}`, params);
    expect((await post(status(c), params, signedForA)).status).toBe(401);
    expect((await post(status(c), params, '')).status).toBe(401);
    const stop = { MessageSid: 'SMinbound1', From: sent[3].phone, To: FROM, Body: 'STOP' };
    const forgedStop = twilio.getExpectedTwilioSignature(
      'not-the-token',
      'http://127.0.0.1/api/delivery/twilio/inbound',
      stop,
    );
    expect((await post('/api/delivery/twilio/inbound', stop, forgedStop)).status).toBe(401);
    expect(await smsStatus(sent[3].phone)).toBe('subscribed');
    const counters = await h.t.request('GET', '/api/delivery/counters', { token: h.token });
    expect(counters.body.signatureRejected).toBe(4);
    const after = await h.stats(id);
    expect(after).toMatchObject({ delivered: 1, failed: 3 });

    // Signed inbound: STOP unsubscribes, START re-subscribes, HELP answers with TwiML.
    const stopRes = await post('/api/delivery/twilio/inbound', stop);
    expect(stopRes.status).toBe(200);
    expect(stopRes.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await smsStatus(sent[3].phone)).toBe('unsubscribed');
    const start = { MessageSid: 'SMinbound2', From: sent[3].phone, To: FROM, Body: 'start' };
    expect((await post('/api/delivery/twilio/inbound', start)).status).toBe(200);
    expect(await smsStatus(sent[3].phone)).toBe('subscribed');
    const help = await post('/api/delivery/twilio/inbound', {
      MessageSid: 'SMinbound3',
      From: sent[3].phone,
      To: FROM,
      Body: 'HELP',
    });
    expect(await help.text()).toMatch(/<Response><Message>Reply STOP to unsubscribe[^<]*<\/Message><\/Response>/);
    expect(await smsStatus(sent[3].phone)).toBe('subscribed');
  });

  it('checks the Twilio connection by fetching the account, never showing the token', async () => {
    const check = await h.t.request('POST', '/api/settings/channels/sms/check', { token: h.token });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ ok: true, detail: expect.stringContaining('"Loopback account" is active') });
    const settings = await h.t.request('GET', '/api/settings/channels', { token: h.token });
    expect(settings.body.items[1]).toMatchObject({ channel: 'sms', provider: 'twilio', ready: true, sender: FROM });
    for (const text of [check.text, settings.text]) expect(text).not.toContain(TOKEN);
  });
});
