import Redis, { Cluster } from 'ioredis';
import { redisClusterUnavailable, startRedisCluster, type RedisCluster } from '@mini-crm/testing/e2e';
import type { ChildHandle } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';
import { expectExactlyOnce } from '../testing/exactly-once';

const unavailable = redisClusterUnavailable();
if (unavailable) console.warn(`Redis Cluster test skipped: ${unavailable}`);

/** Every key of `pattern` on each master of the cluster, by port. */
async function keysByNode(cluster: Cluster, pattern: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const node of cluster.nodes('master')) out.set(node.options.port as number, await node.keys(pattern));
  return out;
}

/**
 * The API (this process, WORKERS_IN_API=false) and an apps/worker process on a local three-master Redis
 * Cluster (REDIS_CLUSTER_NODES), with rate limits on: a campaign goes out exactly once, and every key of
 * the app (BullMQ's included) lives under the hash-tagged prefix on the cluster, none on the single Redis.
 */
(unavailable ? describe.skip : describe)('Redis Cluster: API and worker process (pg)', () => {
  let cluster: RedisCluster;
  let h: DeliveryHarness;
  let worker: ChildHandle | undefined;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    h = await startDeliveryHarness('pg', {
      env: {
        WORKERS_IN_API: 'false',
        REDIS_CLUSTER_NODES: cluster.nodes,
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_PER_IP: '100000',
        RATE_LIMIT_PRINCIPAL_BURST: '100000',
      },
    });
    await seedCustomers(h.t.db.handle.db, makeCustomers(400, 'Pune'));
  }, 180_000);
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await h?.close();
    await cluster?.stop();
  }, 180_000);

  it('sends a campaign exactly once; the keys live in one hash slot on the cluster', async () => {
    expect(h.t.config.redisCluster?.nodes).toHaveLength(3);
    worker = await h.startWorker({ REDIS_CLUSTER_NODES: cluster.nodes });
    const segmentId = await h.createSegment('Pune', 'Pune');
    const { id } = await h.createCampaign({
      name: 'On a cluster',
      segmentId,
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
    });
    const launched = await h.launch(id);
    expect(launched.body.status).toBe('running');
    const s = await h.settle(id, 120_000);
    await expectExactlyOnce(h, id, s);

    const prefix = h.t.config.redisPrefix;
    const client = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
    const single = new Redis(h.t.config.redisUrl);
    try {
      await new Promise((r) => client.once('ready', r));
      const tagged = await keysByNode(client, `{${prefix}}:*`);
      const holders = [...tagged.entries()].filter(([, keys]) => keys.length > 0);
      expect(holders).toHaveLength(1); // one slot, so one master holds them all
      const keys = holders[0][1];
      expect(keys.some((k) => k.startsWith(`{${prefix}}:bull:delivery-sms:`))).toBe(true);
      expect(keys.some((k) => !k.includes(':bull:'))).toBe(true); // the app's own keys (send claims, streams)
      // The rate limits counted on the cluster too (their own prefix: one key per counter).
      const counters = [...(await keysByNode(client, `${prefix}:rl:*`)).values()].flat();
      expect(counters.length).toBeGreaterThan(0);
      // Nothing of this app reached the single Redis at REDIS_URL.
      expect(await single.keys(`*${prefix}*`)).toEqual([]);
    } finally {
      client.disconnect();
      single.disconnect();
    }
  }, 180_000);
});
