import { randomBytes } from 'node:crypto';
import { customers, Database } from '@mini-crm/db';
import { startTestApp, startWorkerProcess, TestApp, waitUntil } from '@mini-crm/api/testing';
import type { DbDriver } from '@mini-crm/db';
import type { CampaignStatsDto } from '@mini-crm/contracts';
import { startVendorStub, VendorStubHandle, VendorStubOptions, VendorStubStats } from '@mini-crm/vendor-stub';
import { quietSnapshot } from './quiet-snapshot';

export interface SeedCustomer {
  firstName?: string | null;
  lastName?: string | null;
  city?: string | null;
  country?: string | null;
  phone?: string | null;
  email?: string | null;
  smsStatus?: string;
  emailStatus?: string;
  totalSpend?: string;
  attributes?: Record<string, unknown>;
}

/** Deterministic customers: every 17th unsubscribed from SMS, every 19th without a phone, every 7th without a first name. */
export function makeCustomers(n: number, city = 'Pune', offset = 0): SeedCustomer[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return {
      firstName: i % 7 === 0 ? null : `Name${i}`,
      lastName: `Last${i}`,
      city,
      phone: i % 19 === 0 ? null : `+9198${String(10_000_000 + i)}`,
      email: `c${i}@example.com`,
      smsStatus: i % 17 === 0 ? 'unsubscribed' : 'subscribed',
      totalSpend: String(100 + i),
      attributes: { tier: i % 2 ? 'gold' : 'silver' },
    };
  });
}

export async function seedCustomers(db: Database, rows: SeedCustomer[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(customers)
      .values(
        rows
          .slice(i, i + 500)
          .map((r) => ({ ...r, smsStatus: r.smsStatus ?? 'subscribed', emailStatus: r.emailStatus ?? 'subscribed' })),
      );
  }
}

export interface DeliveryHarness {
  t: TestApp;
  stub: VendorStubHandle;
  token: string;
  secret: string;
  createSegment(name: string, city: string): Promise<string>;
  createCampaign(body: Record<string, unknown>): Promise<{ id: string }>;
  /** POST /api/campaigns/:id/launch as the admin; the response as it came. */
  launch(id: string, body?: Record<string, unknown>): ReturnType<TestApp['request']>;
  /** GET /api/campaigns/:id/stats as the admin (throws unless 200). */
  stats(id: string): Promise<CampaignStatsDto>;
  waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs?: number): Promise<T>;
  /** The campaign's stats read while the vendor stood still (see `quietSnapshot`), else null. */
  quietStats(id: string): Promise<{ stats: CampaignStatsDto; vendor: VendorStubStats } | null>;
  /** Campaign finished and every receipt the stub owes has been acknowledged. */
  settle(id: string, timeoutMs?: number): Promise<CampaignStatsDto>;
  /**
   * An apps/worker process (production bundle) on this harness's database, Redis prefix and vendor
   * stub: batches of 50, two at a time, reconciling every second; `env` adds or overrides. The server
   * driver only (PGlite is in this process).
   */
  startWorker(env?: Record<string, string>): ReturnType<typeof startWorkerProcess>;
  close(): Promise<void>;
}

export const STUB_RATES = { failRate: 0.1, openRate: 0.4, clickRate: 0.1 };

/** App (in-process workers by default) + vendor stub wired both ways, an admin token, helpers. */
export async function startDeliveryHarness(
  driver: DbDriver,
  opts: { env?: Record<string, string>; stub?: VendorStubOptions } = {},
): Promise<DeliveryHarness> {
  const secret = `whsec-${randomBytes(8).toString('hex')}`;
  const stub = await startVendorStub({ port: 0, secret, receiptDelayMs: 20, ...STUB_RATES, ...opts.stub });
  const t = await startTestApp({
    driver,
    env: {
      VENDOR_URL: stub.url,
      VENDOR_WEBHOOK_SECRET: secret,
      DELIVERY_RECONCILE_MS: '500',
      DELIVERY_STALL_MS: '3000',
      DELIVERY_BACKOFF_MS: '100',
      ...opts.env,
    },
  });
  // Simulated recipients (off unless a test turns `engage` on) reach this app's tracked links.
  stub.configure({
    receiptUrl: `${t.baseUrl}/api/delivery/receipts`,
    inboundUrl: `${t.baseUrl}/api/delivery/inbound`,
    engageOrigin: t.baseUrl,
  });
  const { accessToken: token } = await t.login('admin@example.com');

  const h: DeliveryHarness = {
    t,
    stub,
    token,
    secret,
    async createSegment(name, city) {
      const res = await t.request('POST', '/api/segment-rules', {
        token,
        body: { name, rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: city }] } },
      });
      if (res.status !== 201) throw new Error(`segment: ${res.status} ${res.text}`);
      return res.body.id;
    },
    async createCampaign(body) {
      const res = await t.request('POST', '/api/campaigns', { token, body });
      if (res.status !== 201) throw new Error(`campaign: ${res.status} ${res.text}`);
      return res.body;
    },
    launch(id, body = {}) {
      return t.request('POST', `/api/campaigns/${id}/launch`, { token, body });
    },
    async stats(id) {
      const res = await t.request('GET', `/api/campaigns/${id}/stats`, { token });
      if (res.status !== 200) throw new Error(`stats: ${res.status} ${res.text}`);
      return res.body;
    },
    async waitFor(what, probe, timeoutMs = 30_000) {
      return (await waitUntil(what, probe, timeoutMs)) as never;
    },
    async quietStats(id) {
      const quiet = await quietSnapshot(
        () => stub.stats(),
        () => h.stats(id),
      );
      return quiet && { stats: quiet.value, vendor: quiet.vendor };
    },
    async settle(id, timeoutMs = 60_000) {
      return h.waitFor(
        `campaign ${id} to finish with all receipts applied`,
        async () => {
          const quiet = await h.quietStats(id);
          return quiet?.stats['status'] === 'completed' ? quiet.stats : null;
        },
        timeoutMs,
      );
    },
    startWorker(env = {}) {
      return startWorkerProcess({
        DATABASE_URL: t.db.url as string,
        REDIS_URL: t.config.redisUrl,
        REDIS_PREFIX: t.config.redisPrefix,
        JWT_SECRET: t.config.auth.jwtSecret,
        VENDOR_URL: stub.url,
        VENDOR_WEBHOOK_SECRET: secret,
        DELIVERY_BATCH_SIZE: '50',
        DELIVERY_CONCURRENCY: '2',
        DELIVERY_RECONCILE_MS: '1000',
        ...env,
      });
    },
    async close() {
      await t.close();
      await stub.close();
    },
  };
  return h;
}
