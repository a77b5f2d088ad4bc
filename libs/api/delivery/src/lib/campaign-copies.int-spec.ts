import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { isRetryableFailure } from '@mini-crm/api/campaigns';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

type MessageRow = { customer_id: string; status: string; failure_reason: string | null; delivered_at: unknown };

/**
 * Duplicate and "retry failed" through a real send: the stub fails half the messages, some for
 * temporary reasons (carrier timeout, phone off: retryable), some permanently (invalid number,
 * carrier blocked: never re-sent). The retry reaches exactly the retryable ones, never a delivered one.
 */
describe.each(testDrivers())('duplicate and retry failed (%s)', (driver) => {
  let h: DeliveryHarness;
  let viewer: string;

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { stub: { failRate: 0.5 }, env: { COST_PER_SMS: '0.25' } });
    viewer = (await h.t.login('viewer@example.com')).accessToken;
    await seedCustomers(h.t.db.handle.db, [...makeCustomers(80, 'Pune', 1), ...makeCustomers(3, 'Agra', 500)]);
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  const messagesOf = async (id: string) =>
    rowsOf<MessageRow>(
      await h.t.db.handle.db.execute(
        sql`select customer_id, status, failure_reason, delivered_at from messages where campaign_id = ${id}`,
      ),
    );
  const post = (path: string, token = h.token) => h.t.request('POST', `/api/campaigns/${path}`, { token });

  it('duplicates any campaign into a draft with the same segment, channel and message', async () => {
    const agra = await h.createSegment('Agra people', 'Agra');
    const source = await h.createCampaign({
      name: 'Agra mail',
      segmentId: agra,
      channel: 'email',
      subject: 'Hello {{first_name|there}}',
      message: '<p>Hi {{first_name|there}}</p>',
    });
    expect((await h.launch(source.id)).status).toBe(200);

    const copy = await post(`${source.id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      name: 'Copy of Agra mail',
      status: 'draft',
      segmentId: agra,
      channel: 'email',
      subject: 'Hello {{first_name|there}}',
      message: '<p>Hi {{first_name|there}}</p>',
      audience: 0,
      retryOf: null,
      startedAt: null,
    });
    expect(copy.body.id).not.toBe(source.id);
    expect(await messagesOf(copy.body.id)).toHaveLength(0);

    // A draft copies too, with its own sending window.
    const windowed = await h.createCampaign({
      name: 'Quiet SMS',
      segmentId: agra,
      channel: 'sms',
      message: 'Hi',
      sendingWindow: { start: '09:00', end: '21:00' },
    });
    const copied = await post(`${windowed.id}/duplicate`);
    expect(copied.body).toMatchObject({ name: 'Copy of Quiet SMS', sendingWindow: { start: '09:00', end: '21:00' } });

    expect((await post(`${source.id}/duplicate`, viewer)).status).toBe(403);
    expect((await post(`00000000-0000-4000-8000-000000000000/duplicate`)).status).toBe(404);
    expect((await post(`nope/duplicate`)).status).toBe(400);
  });

  it('retries only retryable failures, as a linked campaign, never delivered recipients; 409 when none', async () => {
    const pune = await h.createSegment('Pune buyers', 'Pune');
    const original = await h.createCampaign({ name: 'Pune sale', segmentId: pune, channel: 'sms', message: 'Sale!' });

    // Nothing sent yet: nothing to retry.
    const early = await post(`${original.id}/retry-failed`);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/Nothing has been sent yet/);

    expect((await h.launch(original.id)).status).toBe(200);
    await h.settle(original.id);
    const sent = await messagesOf(original.id);
    const retryable = new Set(
      sent.filter((m) => m.status === 'failed' && isRetryableFailure(m.failure_reason)).map((m) => m.customer_id),
    );
    const permanent = sent.filter((m) => m.status === 'failed' && !isRetryableFailure(m.failure_reason));
    const delivered = new Set(sent.filter((m) => m.delivered_at !== null).map((m) => m.customer_id));
    // The run has all three kinds, so the test can tell them apart.
    expect(retryable.size).toBeGreaterThan(0);
    expect(permanent.length).toBeGreaterThan(0);
    expect(delivered.size).toBeGreaterThan(0);

    expect((await post(`${original.id}/retry-failed`, viewer)).status).toBe(403);
    const retry = await post(`${original.id}/retry-failed`);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({
      name: 'Retry of Pune sale',
      status: 'draft',
      retryOf: original.id,
      channel: 'sms',
      message: 'Sale!',
      segmentId: pune,
    });

    // The launch confirmation's numbers are the retry audience, not the segment's.
    const preview = await h.t.request('POST', `/api/campaigns/${retry.body.id}/preview`, { token: h.token, body: {} });
    expect(preview.status).toBe(200);
    expect(preview.body.audience).toBe(retryable.size);
    expect(preview.body.estimate).toEqual({
      messages: retryable.size,
      smsSegmentsPerMessage: 1,
      smsSegments: retryable.size,
      cost: Math.round(retryable.size * 0.25 * 100) / 100,
      currency: 'INR',
    });

    const launched = await h.launch(retry.body.id);
    expect(launched.status).toBe(200);
    expect(launched.body.audience).toBe(retryable.size);
    await h.settle(retry.body.id);
    const resent = await messagesOf(retry.body.id);
    expect(new Set(resent.map((m) => m.customer_id))).toEqual(retryable);
    expect(resent.some((m) => delivered.has(m.customer_id))).toBe(false);

    // A second retry leaves out whoever the first one reached; when nobody is left it is refused.
    const stillFailing = new Set(resent.filter((m) => m.status === 'failed').map((m) => m.customer_id));
    const again = await post(`${original.id}/retry-failed`);
    if (stillFailing.size === 0) {
      expect(again.status).toBe(409);
    } else {
      expect(again.status).toBe(201);
      const p = await h.t.request('POST', `/api/campaigns/${again.body.id}/preview`, { token: h.token, body: {} });
      expect(p.body.audience).toBe(stillFailing.size);
    }
  });

  it('answers 409 with the reason when no failure is retryable', async () => {
    h.stub.configure({ failRate: 0 });
    try {
      const agra = await h.createSegment('Agra again', 'Agra');
      const c = await h.createCampaign({ name: 'All good', segmentId: agra, channel: 'sms', message: 'Hi' });
      expect((await h.launch(c.id)).status).toBe(200);
      await h.settle(c.id);
      const res = await post(`${c.id}/retry-failed`);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/^No recipient can be retried/);
    } finally {
      h.stub.configure({ failRate: 0.5 });
    }
  });
});
