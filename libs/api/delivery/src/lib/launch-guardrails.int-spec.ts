import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

/** A campaign nobody can receive is refused with the reason, instead of "completing" with 0 of 0. */
describe.each(testDrivers())('launch guardrails (%s)', (driver) => {
  let h: DeliveryHarness;

  beforeAll(async () => {
    h = await startDeliveryHarness(driver);
    // Goa: 3 customers, none reachable by SMS (unsubscribed or no phone), all by email.
    const goa = makeCustomers(3, 'Goa', 5000).map((c, i) =>
      i === 0 ? { ...c, phone: null } : { ...c, smsStatus: 'unsubscribed' },
    );
    await seedCustomers(h.t.db.handle.db, [...goa, ...makeCustomers(4, 'Agra', 6000)]);
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  const messagesOf = async (id: string) =>
    rowsOf(await h.t.db.handle.db.execute(sql`select id from messages where campaign_id = ${id}`)).length;

  it('refuses to launch or schedule with nobody reachable, says why, and changes nothing', async () => {
    const goa = await h.createSegment('Goa', 'Goa');
    const { id } = await h.createCampaign({ name: 'Goa SMS', segmentId: goa, channel: 'sms', message: 'Hi' });

    const now = await h.launch(id);
    expect(now.status).toBe(409);
    expect(now.body.message).toBe(
      'Nobody can receive this campaign by SMS: the segment matches 3 customers, but none is subscribed with a phone number. Change the segment or the channel.',
    );
    const later = await h.launch(id, { scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(later.status).toBe(409);
    const after = await h.t.request('GET', `/api/campaigns/${id}`, { token: h.token });
    expect(after.body).toMatchObject({ status: 'draft', audience: 0, startedAt: null });
    expect(await messagesOf(id)).toBe(0);

    // The same segment by email reaches all three: the guard is about reachability, not the segment.
    const email = await h.createCampaign({
      name: 'Goa email',
      segmentId: goa,
      channel: 'email',
      subject: 'Hi',
      message: '<p>Hi</p>',
    });
    const ok = await h.launch(email.id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'running', audience: 3 });
  });

  it('names an empty segment as such', async () => {
    const none = await h.createSegment('Nowhere', 'Atlantis');
    const { id } = await h.createCampaign({ name: 'Empty', segmentId: none, channel: 'sms', message: 'Hi' });
    const res = await h.launch(id);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/the segment matches no customers/);
  });

  it('a scheduled campaign whose audience left before the send time fails with the reason', async () => {
    const agra = await h.createSegment('Agra', 'Agra');
    const { id } = await h.createCampaign({ name: 'Agra later', segmentId: agra, channel: 'sms', message: 'Hi' });
    const scheduled = await h.launch(id, { scheduledAt: new Date(Date.now() + 2500).toISOString() });
    expect(scheduled.body.status).toBe('scheduled');
    await h.t.db.handle.db.execute(sql`update customers set sms_status = 'unsubscribed' where city = 'Agra'`);
    const failed = await h.waitFor('the scheduled launch to fail', async () => {
      const c = await h.t.request('GET', `/api/campaigns/${id}`, { token: h.token });
      return c.body.status === 'failed' ? c.body : null;
    });
    expect(failed.statusReason).toMatch(/^Nobody can receive this campaign by SMS: the segment matches 4 customers/);
    expect(await messagesOf(id)).toBe(0);
  });

  it('keeps half-written drafts, refuses to launch them, and estimates what a launch sends', async () => {
    await seedCustomers(h.t.db.handle.db, makeCustomers(4, 'Kota', 7000));
    const kota = await h.createSegment('Kota all', 'Kota');
    // The wizard saves as you go: a draft may have no message (or, for email, no subject) yet.
    const draft = await h.createCampaign({ name: 'Half written', segmentId: kota, channel: 'email', message: '' });
    const noContent = await h.launch(draft.id);
    expect(noContent.status).toBe(400);
    expect(noContent.body.details).toEqual([
      { path: 'message', message: 'write a message before launching' },
      { path: 'subject', message: 'Subject is required for email' },
    ]);
    const unknown = await h.t.request('PATCH', `/api/campaigns/${draft.id}`, {
      token: h.token,
      body: { message: 'Hi {{nope}}' },
    });
    expect(unknown.status).toBe(400); // tokens are still checked as you go
    const patched = await h.t.request('PATCH', `/api/campaigns/${draft.id}`, {
      token: h.token,
      body: { channel: 'sms', message: 'Hi {{first_name|there}}, ' + 'x'.repeat(150) },
    });
    expect(patched.status).toBe(200);

    // What the launch confirmation shows: reachable, suppressed, segments and (unconfigured) cost.
    const p = await h.t.request('POST', `/api/campaigns/${draft.id}/preview`, { token: h.token, body: {} });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ audience: 4, suppressed: 0 });
    expect(p.body.estimate).toEqual({
      messages: 4,
      smsSegmentsPerMessage: 2,
      smsSegments: 8,
      cost: null,
      currency: 'INR',
    });
    // The wizard's audience step asks before any message exists.
    const goa = await h.createSegment('Goa all', 'Goa');
    const early = await h.t.request('POST', '/api/campaigns/preview', {
      token: h.token,
      body: { segmentId: goa, channel: 'sms', message: '', limit: 1 },
    });
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ audience: 0, suppressed: 3, estimate: { messages: 0 } });
  });
});
