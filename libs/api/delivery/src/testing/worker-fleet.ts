import { startWorkerProcess } from '@mini-crm/api/testing';
import type { BundleProcess } from '@mini-crm/testing/e2e';
import type { DeliveryHarness } from './delivery-harness';

/**
 * Production worker processes (apps/worker) sharing the harness's database, Redis and vendor stub:
 * small batches and a fast reconciler, so a SIGKILL catches work in flight. `killAll` in afterAll.
 */
export interface WorkerFleet {
  start(env?: Record<string, string>): Promise<BundleProcess>;
  killAll(): Promise<void>;
}

export function workerFleet(harness: () => DeliveryHarness): WorkerFleet {
  const workers: BundleProcess[] = [];
  return {
    async start(env = {}) {
      const h = harness();
      const w = await startWorkerProcess({
        DATABASE_URL: h.t.db.url as string,
        REDIS_URL: h.t.config.redisUrl,
        REDIS_PREFIX: h.t.config.redisPrefix,
        JWT_SECRET: h.t.config.auth.jwtSecret,
        VENDOR_URL: h.stub.url,
        VENDOR_WEBHOOK_SECRET: h.secret,
        DELIVERY_BATCH_SIZE: '50',
        DELIVERY_CONCURRENCY: '2',
        DELIVERY_RECONCILE_MS: '1000',
        ...env,
      });
      workers.push(w);
      return w;
    },
    async killAll() {
      for (const w of workers.splice(0)) await w.kill('SIGKILL');
    },
  };
}
