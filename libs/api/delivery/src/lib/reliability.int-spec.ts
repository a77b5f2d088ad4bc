import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { predictVendorFate } from '@mini-crm/vendor-stub';
import { freePort } from '@mini-crm/testing/e2e';
import { LAUNCH_QUEUE, Queues, SEND_QUEUE } from '@mini-crm/api/core';
import { ChildHandle, startRedisServer } from '@mini-crm/api/testing';
import {
  DeliveryHarness,
  makeCustomers,
  seedCustomers,
  startDeliveryHarness,
  STUB_RATES,
} from '../testing/delivery-harness';
import { workerFleet } from '../testing/worker-fleet';
import { expectExactlyOnce } from '../testing/exactly-once';
import type { CampaignStatsDto } from '@mini-crm/contracts';

/**
 * Crash and outage tests. They need separate processes sharing one database, so they run on the
 * PostgreSQL server driver only; the worker is the production bundle of apps/worker.
 */
describe('reliability: worker killed with SIGKILL mid-campaign (pg)', () => {
  let h: DeliveryHarness;
  const fleet = workerFleet(() => h);

  beforeAll(async () => {
    h = await startDeliveryHarness('pg', { env: { WORKERS_IN_API: 'false' }, stub: { latencyMs: 40 } });
    await seedCustomers(h.t.db.handle.db, makeCustomers(3000, 'Pune'));
  }, 180_000);
  afterAll(async () => {
    await fleet.killAll();
    await h?.close();
  }, 180_000);

  const worker = () => fleet.start();

  it('completes after a restart; the vendor decided every message once (in-flight ones replayed); stats reconcile', async () => {
    const segmentId = await h.createSegment('Pune', 'Pune');
    const { id } = await h.createCampaign({
      name: 'Crash test',
      segmentId,
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
    });
    const launched = await h.launch(id);
    expect(launched.body.status).toBe('running');
    // The API process runs no processors (WORKERS_IN_API=false): no consumer on any send queue.
    const queues = h.t.app.get(Queues);
    for (const name of [LAUNCH_QUEUE, SEND_QUEUE.sms, SEND_QUEUE.email] as const)
      expect(await queues.queue(name).getWorkersCount()).toBe(0);
    expect(h.stub.stats().sends).toBe(0);

    const first = await worker();
    // apps/worker consumes queues; its port serves the health check and nothing else
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    const api = await fetch(`${first.url}/api/campaigns/${id}/stats`, {
      headers: { authorization: `Bearer ${h.token}` },
    });
    expect(api.status).toBe(404);
    expect((await api.json()).message).toMatch(/worker process/);
    await h.waitFor('the worker to be mid-campaign', async () => h.stub.stats().sends >= 600);
    await first.kill('SIGKILL');
    const atKill = h.stub.stats().sends;
    expect(atKill).toBeLessThan(launched.body.audience);

    await worker();
    const s = await h.settle(id, 120_000);
    await expectExactlyOnce(h, id, s, 50 * 2); // DELIVERY_BATCH_SIZE × DELIVERY_CONCURRENCY in flight at the kill
  }, 180_000);
});

describe('reliability: Redis stopped and restarted mid-campaign (pg)', () => {
  let h: DeliveryHarness;
  let redis: ChildHandle;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    h = await startDeliveryHarness('pg', {
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, DELIVERY_BATCH_SIZE: '50', DELIVERY_CONCURRENCY: '2' },
      stub: { latencyMs: 40 },
    });
    await seedCustomers(h.t.db.handle.db, makeCustomers(3000, 'Pune'));
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await redis?.kill('SIGKILL');
  }, 180_000);

  it('resumes sending; nothing is lost or doubled', async () => {
    const segmentId = await h.createSegment('Pune', 'Pune');
    const { id } = await h.createCampaign({
      name: 'Redis outage',
      segmentId,
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
    });
    await h.launch(id);
    await h.waitFor('sending to be under way', async () => h.stub.stats().sends >= 600);

    await redis.kill('SIGKILL'); // queue state is gone for good: no persistence
    const mid = await h.stats(id);
    expect(Number(mid['queued']) + Number(mid['sent']) + Number(mid['failed'])).toBe(mid['audience']);
    expect(Number(mid['queued'])).toBeGreaterThan(0); // the outage really hit mid-campaign
    redis = await startRedisServer(port);

    const s = await h.settle(id, 120_000);
    await expectExactlyOnce(h, id, s);
  }, 180_000);
});
