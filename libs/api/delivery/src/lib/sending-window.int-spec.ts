import { eq } from 'drizzle-orm';
import { customers, messages } from '@mini-crm/db';
import { Clock } from '@mini-crm/api/core';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, SeedCustomer, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';
import { SendingWindowWaker } from './window/sending-window.waker';

/** 22:30 in Kolkata, 12:00 in New York, 17:00 in London. */
const EVENING_IN_INDIA = new Date('2026-12-02T17:00:00Z');
/** 09:00 the next morning in Kolkata: the window's first instant. */
const MORNING_IN_INDIA = new Date('2026-12-03T03:30:00Z');

/** Ten recipients per zone source: an Indian phone number only, a New York `timezone` attribute, country GB. */
function quietCustomers(city: string, offset: number): SeedCustomer[] {
  const rows: SeedCustomer[] = [];
  for (let i = 0; i < 10; i++) {
    rows.push({ firstName: `In${i}`, city, phone: `+9197${String(10_000_000 + offset + i)}` });
    rows.push({
      firstName: `Ny${i}`,
      city,
      phone: `+9196${String(10_000_000 + offset + i)}`, // an Indian number, but the attribute wins
      attributes: { timezone: 'America/New_York' },
    });
    rows.push({ firstName: `Uk${i}`, city, country: 'GB', phone: `+4477009${String(10_000 + offset + i)}` });
  }
  return rows;
}

describe.each(testDrivers())('sending window (%s)', (driver) => {
  let h: DeliveryHarness;
  let now: Date;

  const messagesOf = async (campaignId: string) =>
    h.t.db.handle.db
      .select({ id: messages.id, firstName: customers.firstName, sendAfter: messages.sendAfter })
      .from(messages)
      .innerJoin(customers, eq(customers.id, messages.customerId))
      .where(eq(messages.campaignId, campaignId));
  const vendorSends = (ids: string[]) => ids.reduce((n, id) => n + (h.stub.record(id)?.sends ?? 0), 0);

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { stub: { failRate: 0 } });
    now = EVENING_IN_INDIA;
    h.t.app.get(Clock, { strict: false }).now = () => now;
    await seedCustomers(h.t.db.handle.db, quietCustomers('Quietville', 0));
    await seedCustomers(h.t.db.handle.db, quietCustomers('Dozetown', 100));
    await seedCustomers(h.t.db.handle.db, quietCustomers('Nighttown', 200));
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('validates a campaign’s window field by field', async () => {
    const segmentId = await h.createSegment('Quiet validation', 'Quietville');
    const base = { name: 'Bad window', segmentId, channel: 'sms', message: 'Hi' };
    const bad = async (sendingWindow: unknown) => {
      const res = await h.t.request('POST', '/api/campaigns', { token: h.token, body: { ...base, sendingWindow } });
      expect(res.status).toBe(400);
      return (res.body.details as Array<{ path: string; message: string }>).map((d) => `${d.path}: ${d.message}`);
    };
    expect(await bad({ start: '9:00', end: '21:00' })).toEqual([
      'sendingWindow.start: Start must be a time such as 09:00 (24-hour HH:MM)',
    ]);
    expect(await bad({ start: '09:00', end: '24:00' })).toEqual([
      'sendingWindow.end: End must be a time such as 21:00 (24-hour HH:MM)',
    ]);
    expect(await bad({ start: '09:00', end: '09:00' })).toEqual(['sendingWindow.end: End must differ from start']);
    expect(await bad({ start: '09:00' })).toContain('sendingWindow.end: End must be a time such as 21:00');
    expect(await bad('09:00-21:00')).toContain('sendingWindow: Sending window must be { start, end } or null');
    expect(await bad({ start: '09:00', end: '21:00', zone: 'UTC' })).toEqual([
      'sendingWindow.zone: “zone” is not a field this request accepts',
    ]);

    const ok = await h.createCampaign({ ...base, name: 'Night owls', sendingWindow: { start: '22:00', end: '06:00' } });
    const read = await h.t.request('GET', `/api/campaigns/${ok.id}`, { token: h.token });
    expect(read.body.sendingWindow).toEqual({ start: '22:00', end: '06:00' });
    const cleared = await h.t.request('PATCH', `/api/campaigns/${ok.id}`, {
      token: h.token,
      body: { sendingWindow: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.sendingWindow).toBeNull();
  });

  it('holds messages outside the recipient’s window as scheduled, then sends each exactly once when it opens', async () => {
    h.stub.reset();
    now = EVENING_IN_INDIA;
    const segmentId = await h.createSegment('Quiet', 'Quietville');
    const { id } = await h.createCampaign({
      name: 'Quiet hours',
      segmentId,
      channel: 'sms',
      message: 'Hello {{first_name}}',
      sendingWindow: { start: '09:00', end: '21:00' },
    });
    expect((await h.launch(id)).body).toMatchObject({ status: 'running', audience: 30 });

    const held = await h.waitFor('the open zones sent and India held', async () => {
      const s = await h.stats(id);
      return Number(s['sent']) === 20 && Number(s['scheduled']) === 10 ? s : null;
    });
    expect(held).toMatchObject({
      status: 'running',
      audience: 30,
      queued: 10,
      scheduled: 10,
      failed: 0,
      windowOpensAt: MORNING_IN_INDIA.toISOString(),
    });
    const rows = await messagesOf(id);
    const india = rows.filter((r) => r.firstName?.startsWith('In'));
    const others = rows.filter((r) => !r.firstName?.startsWith('In'));
    expect(india.map((r) => r.sendAfter?.toISOString())).toEqual(Array(10).fill(MORNING_IN_INDIA.toISOString()));
    expect(vendorSends(india.map((r) => r.id))).toBe(0);
    expect(vendorSends(others.map((r) => r.id))).toBe(20);

    // One second before the window nothing is due; the campaign neither completes nor re-sends.
    const waker = h.t.app.get(SendingWindowWaker, { strict: false });
    now = new Date(MORNING_IN_INDIA.getTime() - 1000);
    expect(await waker.wake()).toBe(0);
    expect(await h.stats(id)).toMatchObject({ status: 'running', scheduled: 10 });

    // 09:00:00 in Kolkata, exactly: the reconciler's tick wakes and sends them.
    now = MORNING_IN_INDIA;
    const done = await h.settle(id);
    expect(done).toMatchObject({
      status: 'completed',
      queued: 0,
      scheduled: 0,
      sent: 30,
      failed: 0,
      windowOpensAt: null,
    });
    expect(vendorSends(india.map((r) => r.id))).toBe(10);
    const vendor = h.stub.stats();
    expect(vendor).toMatchObject({ sends: 30, duplicates: 0, replays: 0 });
  });

  it('uses the workspace default window (admin setting) and keeps held messages across pause and resume', async () => {
    h.stub.reset();
    now = EVENING_IN_INDIA;
    const viewer = await h.t.login('viewer@example.com');
    expect(
      (await h.t.request('PUT', '/api/settings/sending', { token: viewer.accessToken, body: { sms: null } })).status,
    ).toBe(403);
    const badZone = await h.t.request('PUT', '/api/settings/sending', {
      token: h.token,
      body: { timeZone: 'Asia/Pune' },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.details).toEqual([
      { path: 'timeZone', message: 'Time zone must be an IANA time zone such as Asia/Kolkata' },
    ]);
    const badWindow = await h.t.request('PUT', '/api/settings/sending', {
      token: h.token,
      body: { sms: { start: '21:00', end: '21:00' } },
    });
    expect(badWindow.body.details).toEqual([{ path: 'sms.end', message: 'End must differ from start' }]);

    const put = await h.t.request('PUT', '/api/settings/sending', {
      token: h.token,
      body: { sms: { start: '09:00', end: '21:00' } },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      timeZone: 'Asia/Kolkata',
      sms: { start: '09:00', end: '21:00' },
      email: null,
      source: { timeZone: 'config', sms: 'settings', email: 'config' },
    });
    const read = await h.t.request('GET', '/api/settings/sending', { token: viewer.accessToken });
    expect(read.body.sms).toEqual({ start: '09:00', end: '21:00' });

    try {
      const segmentId = await h.createSegment('Doze', 'Dozetown');
      const { id } = await h.createCampaign({ name: 'Default window', segmentId, channel: 'sms', message: 'Hi' });
      await h.launch(id);
      await h.waitFor('India held by the workspace window', async () => {
        const s = await h.stats(id);
        return Number(s['sent']) === 20 && Number(s['scheduled']) === 10;
      });
      expect((await h.t.request('POST', `/api/campaigns/${id}/pause`, { token: h.token })).status).toBe(200);
      now = MORNING_IN_INDIA;
      const waker = h.t.app.get(SendingWindowWaker, { strict: false });
      expect(await waker.wake()).toBe(0); // a paused campaign's messages keep waiting
      expect(await h.stats(id)).toMatchObject({ status: 'paused', scheduled: 10, queued: 10 });

      expect((await h.t.request('POST', `/api/campaigns/${id}/resume`, { token: h.token })).body.status).toBe(
        'running',
      );
      const done = await h.settle(id);
      expect(done).toMatchObject({ status: 'completed', queued: 0, scheduled: 0, sent: 30 });
      expect(h.stub.stats()).toMatchObject({ sends: 30, duplicates: 0, replays: 0 });
    } finally {
      await h.t.request('PUT', '/api/settings/sending', { token: h.token, body: { sms: null } });
    }
  });

  it('lets a campaign send at any time despite the workspace window, and never with a window as well', async () => {
    h.stub.reset();
    now = EVENING_IN_INDIA;
    const segmentId = await h.createSegment('Night', 'Nighttown');
    const base = { name: 'Any time', segmentId, channel: 'sms', message: 'Hi' };
    const both = await h.t.request('POST', '/api/campaigns', {
      token: h.token,
      body: { ...base, sendingWindow: { start: '09:00', end: '21:00' }, sendAnyTime: true },
    });
    expect(both.status).toBe(400);
    expect(both.body.details).toEqual([
      { path: 'sendAnyTime', message: 'Any time cannot be combined with a sending window' },
    ]);

    const { id } = await h.createCampaign({ ...base, sendingWindow: { start: '09:00', end: '10:00' } });
    const patched = await h.t.request('PATCH', `/api/campaigns/${id}`, { token: h.token, body: { sendAnyTime: true } });
    expect(patched.body).toMatchObject({ sendAnyTime: true, sendingWindow: null });

    await h.t.request('PUT', '/api/settings/sending', {
      token: h.token,
      body: { sms: { start: '09:00', end: '21:00' } },
    });
    try {
      await h.launch(id);
      // 22:30 in Kolkata: the workspace window would hold the ten Indian recipients
      const done = await h.settle(id);
      expect(done).toMatchObject({ status: 'completed', queued: 0, scheduled: 0, sent: 30 });
      const copy = await h.t.request('POST', `/api/campaigns/${id}/duplicate`, { token: h.token });
      expect(copy.body).toMatchObject({ sendAnyTime: true, sendingWindow: null });
    } finally {
      await h.t.request('PUT', '/api/settings/sending', { token: h.token, body: { sms: null } });
    }
  });
});
