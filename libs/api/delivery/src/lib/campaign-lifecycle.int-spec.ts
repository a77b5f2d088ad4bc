import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';
import { DeliveryQueueService } from './queue/delivery-queue.service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDrivers())('campaign lifecycle under load (%s)', (driver) => {
  let h: DeliveryHarness;
  let pune: string;
  let delhi: string;

  beforeAll(async () => {
    // Slow vendor, small batches: a 1,500-message campaign takes several seconds.
    h = await startDeliveryHarness(driver, {
      env: { DELIVERY_BATCH_SIZE: '20', DELIVERY_CONCURRENCY: '2' },
      stub: { latencyMs: 60 },
    });
    await seedCustomers(h.t.db.handle.db, [...makeCustomers(1500, 'Pune'), ...makeCustomers(300, 'Delhi', 1500)]);
    pune = await h.createSegment('Pune', 'Pune');
    delhi = await h.createSegment('Delhi', 'Delhi');
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('pause stops new sends within a second; resume sends exactly the unsent (no resends, no skips)', async () => {
    h.stub.reset();
    const { id } = await h.createCampaign({
      name: 'Pausable',
      segmentId: pune,
      channel: 'sms',
      message: 'Hello {{first_name|friend}}',
    });
    const launched = await h.launch(id);
    const audience = launched.body.audience as number;
    await h.waitFor('some sends', async () => h.stub.stats().sends >= 200);

    const paused = await h.t.request('POST', `/api/campaigns/${id}/pause`, { token: h.token });
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    await sleep(1000);
    const afterOneSecond = h.stub.stats().sends;
    await sleep(1500);
    expect(h.stub.stats().sends).toBe(afterOneSecond); // nothing new after the first second
    expect(afterOneSecond).toBeLessThan(audience);

    const mid = await h.stats(id);
    expect(mid['status']).toBe('paused');
    expect(Number(mid['sent']) + Number(mid['failed'])).toBe(afterOneSecond); // every vendor send is recorded, nothing else
    expect(Number(mid['queued'])).toBe(audience - afterOneSecond);
    expect(Number(mid['queued']) + Number(mid['sent']) + Number(mid['failed'])).toBe(audience);

    expect((await h.t.request('POST', `/api/campaigns/${id}/pause`, { token: h.token })).status).toBe(409);
    const resumed = await h.t.request('POST', `/api/campaigns/${id}/resume`, { token: h.token });
    expect(resumed.body.status).toBe('running');
    const s = await h.settle(id);
    const vendor = h.stub.stats();
    expect(vendor.sends).toBe(audience); // no skips
    expect(vendor.duplicates).toBe(0);
    expect(vendor.replays).toBe(0); // no resends, not even idempotent ones
    expect(s).toMatchObject({ queued: 0, audience });
    expect(Number(s['sent']) + Number(s['failed'])).toBe(audience);
  });

  it('pauses itself past the failure threshold and says why', async () => {
    h.stub.reset();
    h.stub.configure({ failRate: 0.9, latencyMs: 0 });
    try {
      const { id } = await h.createCampaign({ name: 'Doomed', segmentId: delhi, channel: 'sms', message: 'Hi' });
      await h.launch(id);
      const c = await h.waitFor('auto-pause', async () => {
        const r = await h.t.request('GET', `/api/campaigns/${id}`, { token: h.token });
        return r.body.status === 'paused' ? r.body : null;
      });
      expect(c.statusReason).toMatch(
        /Paused automatically: \d+(\.\d)?% of the last \d+ sends failed \(threshold 20%\)/,
      );
      const s = await h.stats(id);
      expect(Number(s['queued'])).toBeGreaterThan(0);
      expect(Number(s['sent']) + Number(s['failed'])).toBeGreaterThanOrEqual(100);
      await h.t.request('POST', `/api/campaigns/${id}/cancel`, { token: h.token });
    } finally {
      h.stub.configure({ failRate: 0.1, latencyMs: 60 });
    }
  });

  it('launches a scheduled campaign from its delayed job, and from the reconciler if the job is lost', async () => {
    // Far enough ahead that a slow CI machine still sees 'scheduled' before the delayed job fires.
    const at = new Date(Date.now() + 8000).toISOString();
    const a = await h.createCampaign({
      name: 'Later',
      segmentId: delhi,
      channel: 'email',
      subject: 'Hi {{first_name|there}}',
      message: '<p>Hi</p>',
      scheduledAt: at,
    });
    const scheduled = await h.launch(a.id);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledAt: at });
    await h.settle(a.id);

    const b = await h.createCampaign({
      name: 'Lost schedule',
      segmentId: delhi,
      channel: 'email',
      subject: 'x',
      message: 'y',
    });
    await h.launch(b.id, { scheduledAt: new Date(Date.now() + 4000).toISOString() });
    await h.t.app.get(DeliveryQueueService).unscheduleLaunch(b.id); // as if Redis lost it
    await h.settle(b.id);

    const c = await h.createCampaign({
      name: 'Cancelled',
      segmentId: delhi,
      channel: 'email',
      subject: 'x',
      message: 'y',
    });
    await h.launch(c.id, { scheduledAt: new Date(Date.now() + 60_000).toISOString() });
    const edited = await h.t.request('PATCH', `/api/campaigns/${c.id}`, { token: h.token, body: { name: 'Renamed' } });
    expect(edited.body).toMatchObject({ name: 'Renamed', status: 'scheduled' });
    const cancelled = await h.t.request('POST', `/api/campaigns/${c.id}/cancel`, { token: h.token });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await h.t.request('POST', `/api/campaigns/${c.id}/resume`, { token: h.token })).status).toBe(409);
    expect((await h.t.request('DELETE', `/api/campaigns/${c.id}`, { token: h.token })).status).toBe(409);
  });
});
