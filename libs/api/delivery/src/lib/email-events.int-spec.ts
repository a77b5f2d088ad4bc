import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { signInTeam, testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';
import { SmtpSink, startSmtpSink } from '../testing/smtp-sink';

const N = 12;
const newKey = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

describe.each(testDrivers())('SendGrid email events: bounces and complaints (%s)', (driver) => {
  let h: DeliveryHarness;
  let sink: SmtpSink;
  let segmentId: string;
  const key = newKey();
  const other = newKey();

  /** Posts events signed as SendGrid signs them: ECDSA over timestamp + raw body. */
  const postEvents = (events: object[], opts: { key?: KeyObject; timestamp?: number } = {}) => {
    const body = JSON.stringify(events);
    const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = createSign('sha256')
      .update(ts + body)
      .sign(opts.key ?? key.privateKey)
      .toString('base64');
    return h.t.request('POST', '/api/delivery/email-events', {
      raw: body,
      headers: {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': signature,
        'x-twilio-email-event-webhook-timestamp': ts,
      },
    });
  };
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await h.t.db.handle.db.execute(query));

  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await startDeliveryHarness(driver, {
      env: {
        EMAIL_PROVIDER: 'smtp',
        SMTP_URL: sink.url,
        EMAIL_FROM: 'news@shop.example',
        SENDGRID_WEBHOOK_PUBLIC_KEY: key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        EMAIL_SOFT_BOUNCE_LIMIT: '2',
      },
    });
    await seedCustomers(h.t.db.handle.db, makeCustomers(N, 'Agra'));
    segmentId = await h.createSegment('Agra', 'Agra');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  }, 60_000);

  const runCampaign = async (name: string) => {
    const { id } = await h.createCampaign({
      name,
      segmentId,
      channel: 'email',
      subject: 'Hi',
      message: '<p>Hello</p>',
    });
    const launched = await h.launch(id);
    expect(launched.status).toBe(200);
    await h.waitFor(`${name} to complete`, async () => (await h.stats(id))['status'] === 'completed');
    return { id, launched: launched.body };
  };

  it('bounces blocklist and complaints unsubscribe, in the consent history; suppressed for good; forged posts refused', async () => {
    const first = await runCampaign('Agra 1');
    expect(first.launched.audience).toBe(N);
    const sent = await q<{ email: string; id: string; vendor_message_id: string }>(
      sql`select c.email, m.id, m.vendor_message_id from messages m join customers c on c.id = m.customer_id where m.campaign_id = ${first.id}`,
    );
    const smtpId = (email: string) => sent.find((s) => s.email === email)?.vendor_message_id;
    const at = Math.floor(Date.now() / 1000);
    const events = [
      {
        email: 'c1@example.com',
        event: 'bounce',
        type: 'bounce',
        sg_event_id: 'e1',
        'smtp-id': smtpId('c1@example.com'),
        reason: '550 5.1.1 no such user',
        timestamp: at,
      },
      {
        email: 'c2@example.com',
        event: 'spamreport',
        sg_event_id: 'e2',
        'smtp-id': smtpId('c2@example.com'),
        timestamp: at,
      },
      {
        email: 'c3@example.com',
        event: 'bounce',
        type: 'blocked',
        sg_event_id: 'e3',
        'smtp-id': smtpId('c3@example.com'),
        timestamp: at,
      },
      { email: 'c3@example.com', event: 'bounce', type: 'blocked', sg_event_id: 'e3b', timestamp: at },
      {
        email: 'c4@example.com',
        event: 'bounce',
        type: 'blocked',
        sg_event_id: 'e4',
        'smtp-id': smtpId('c4@example.com'),
        timestamp: at,
      },
      {
        email: 'c5@example.com',
        event: 'delivered',
        sg_event_id: 'e5',
        'smtp-id': smtpId('c5@example.com'),
        timestamp: at,
      },
      { email: 'c6@example.com', event: 'deferred', sg_event_id: 'e6', timestamp: at },
      // An address no customer holds (yet): suppressed all the same.
      { email: 'Gone@Example.com', event: 'bounce', type: 'bounce', sg_event_id: 'e7', timestamp: at },
    ];

    // Forged: another key, a stale timestamp, a tampered body. Each is 401 and changes nothing.
    expect((await postEvents(events, { key: other.privateKey })).status).toBe(401);
    expect((await postEvents(events, { timestamp: at - 3600 })).status).toBe(401);
    const tampered = await h.t.request('POST', '/api/delivery/email-events', {
      raw: JSON.stringify(events).replace('c1@', 'c7@'),
      headers: {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': createSign('sha256')
          .update(`${at}${JSON.stringify(events)}`)
          .sign(key.privateKey)
          .toString('base64'),
        'x-twilio-email-event-webhook-timestamp': String(at),
      },
    });
    expect(tampered.status).toBe(401);
    expect(await q(sql`select 1 from suppressions`)).toHaveLength(0);

    const res = await postEvents(events);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 8, hardBounces: 2, softBounces: 3, complaints: 1, suppressed: 3, ignored: 1 });
    const historyRows = async () => (await q<{ n: number }>(sql`select count(*)::int as n from consent_events`))[0].n;
    const historyAfterFirst = await historyRows();
    // A replayed post changes nothing more.
    expect((await postEvents(events)).body).toMatchObject({
      hardBounces: 0,
      softBounces: 0,
      complaints: 0,
      suppressed: 0,
    });
    expect(await historyRows()).toBe(historyAfterFirst);

    // Bounces of our messages are their failed receipts; the delivered event is a delivered one.
    await h.waitFor('receipts to apply', async () => {
      const s = await h.stats(first.id);
      return Number(s['failed']) === 3 && Number(s['delivered']) === 1;
    });
    const reasons = await q<{ email: string; failure_reason: string }>(
      sql`select c.email, m.failure_reason from messages m join customers c on c.id = m.customer_id where m.campaign_id = ${first.id} and m.status = 'failed' order by c.email`,
    );
    expect(reasons).toEqual([
      { email: 'c1@example.com', failure_reason: 'hard_bounce' },
      { email: 'c3@example.com', failure_reason: 'soft_bounce' },
      { email: 'c4@example.com', failure_reason: 'soft_bounce' },
    ]);
    // A bounce blocklists the address's email channel, a complaint unsubscribes it: each in the consent history.
    const status = await q<{ email: string; email_status: string }>(
      sql`select email, email_status from customers where email in ('c1@example.com', 'c2@example.com', 'c3@example.com', 'c4@example.com') order by email`,
    );
    expect(status).toEqual([
      { email: 'c1@example.com', email_status: 'blocklisted' },
      { email: 'c2@example.com', email_status: 'unsubscribed' },
      { email: 'c3@example.com', email_status: 'blocklisted' },
      { email: 'c4@example.com', email_status: 'subscribed' },
    ]);
    const idOf = async (email: string) =>
      (await q<{ id: string }>(sql`select id from customers where email = ${email}`))[0].id;
    const history = async (email: string) => {
      const res = await h.t.request('GET', `/api/customers/${await idOf(email)}/consent-history`, { token: h.token });
      expect(res.status).toBe(200);
      return res.body.items;
    };
    expect(await history('c1@example.com')).toEqual([
      expect.objectContaining({
        channel: 'email',
        status: 'blocklisted',
        source: 'bounce',
        note: 'hard bounce: 550 5.1.1 no such user',
        actorId: null,
      }),
    ]);
    expect(await history('c2@example.com')).toEqual([
      expect.objectContaining({
        channel: 'email',
        status: 'unsubscribed',
        source: 'complaint',
        note: 'marked as spam in the mail client',
        actorId: null,
      }),
    ]);
    expect(await history('c3@example.com')).toEqual([
      expect.objectContaining({
        channel: 'email',
        status: 'blocklisted',
        source: 'bounce',
        note: 'repeated soft bounces',
      }),
    ]);
    expect(await history('c4@example.com')).toEqual([]);
    const audits = await q<{ action: string; entity_id: string | null; diff: Record<string, unknown> }>(
      sql`select action, entity_id, diff from audit_log where action in ('customer.email_bounced', 'customer.unsubscribed') order by action, entity_id nulls last`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'customer.email_bounced',
      'customer.email_bounced',
      'customer.email_bounced',
      'customer.unsubscribed',
    ]);
    expect(audits.filter((a) => a.entity_id === null).map((a) => a.diff['consent'])).toEqual([[]]);
    expect(audits[3]).toMatchObject({
      entity_id: await idOf('c2@example.com'),
      diff: { channel: 'email', source: 'complaint', campaignId: first.id },
    });

    // Only an admin lifts what a bounce blocklisted; a marketer's re-subscription is refused.
    const { marketer } = await signInTeam(h.t);
    const lift = await h.t.request('POST', `/api/customers/${await idOf('c1@example.com')}/consent`, {
      token: marketer,
      body: { channel: 'email', status: 'subscribed', source: 'customer says the mailbox works again' },
    });
    expect(lift.status).toBe(403);

    // A customer created later with the bounced address stays off every audience (suppression list).
    const gone = await h.t.request('POST', '/api/customers', {
      token: h.token,
      body: { email: 'gone@example.com', city: 'Agra' },
    });
    expect(gone.status).toBe(201);

    // The next campaign's audience leaves out the bounced, the complainer and the repeated soft bounce
    // (no longer subscribed: `suppressed` counts them), and the later customer with a bounced address, who is
    // subscribed, fails at the snapshot as on the suppression list.
    const before = sink.messages.length;
    const second = await runCampaign('Agra 2');
    expect(second.launched).toMatchObject({ audience: N + 1 - 3, suppressed: 3 });
    const skipped = await q<{ email: string; failure_reason: string }>(
      sql`select c.email, m.failure_reason from messages m join customers c on c.id = m.customer_id where m.campaign_id = ${second.id} and m.status = 'failed' order by c.email`,
    );
    expect(skipped).toEqual([{ email: 'gone@example.com', failure_reason: 'suppressed' }]);
    await h.waitFor('second campaign mail', async () => sink.messages.length >= before + N - 3);
    const to = sink.messages.slice(before).map((m) => m.envelopeTo[0]);
    expect(to).toHaveLength(N - 3);
    expect(
      to.filter((t) => ['c1@example.com', 'c2@example.com', 'c3@example.com', 'gone@example.com'].includes(t)),
    ).toEqual([]);
    expect(to).toContain('c4@example.com');
  });
});
