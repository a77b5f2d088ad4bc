import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { WORKSPACE_ROOT } from '@mini-crm/testing/e2e';
import { rowsOf } from '@mini-crm/db';
import { MetricsListener } from '@mini-crm/api/core';
import { startTestApp, testDrivers, waitUntil, type TestApp } from '@mini-crm/api/testing';
import {
  makeCustomers,
  seedCustomers,
  startDeliveryHarness,
  STUB_RATES,
  type DeliveryHarness,
} from '@mini-crm/api/delivery/testing';
import { predictVendorFate } from '@mini-crm/vendor-stub';

const TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one sample of Prometheus text (labels in any order), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(t: Pick<TestApp, 'request'>): Promise<string> {
  const res = await t.request('GET', '/api/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

/** Rejections at send time are 1 in 5 here (1 in 20 by default), so 60 messages always include some. */
const RATES = { ...STUB_RATES, failRate: 0.4 };

describe.each(testDrivers())('metrics, health and request ids (%s)', (driver) => {
  let h: DeliveryHarness;

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { env: { METRICS_TOKEN: TOKEN }, stub: RATES });
    await seedCustomers(h.t.db.handle.db, makeCustomers(60, 'Pune'));
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('answers /api/metrics only with the metrics token', async () => {
    expect((await h.t.request('GET', '/api/metrics')).status).toBe(401);
    const wrong = await h.t.request('GET', '/api/metrics', { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('crm_');
    // A user's token is not the metrics token either.
    expect((await h.t.request('GET', '/api/metrics', { token: h.token })).status).toBe(401);
    const text = await scrape(h.t);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts a campaign: sends per channel, receipt lag, queues, HTTP by route template, the pool', async () => {
    const before = await scrape(h.t);
    const segmentId = await h.createSegment('Pune', 'Pune');
    const { id } = await h.createCampaign({ name: 'Metrics', segmentId, channel: 'sms', message: 'Hi {{first_name}}' });
    expect((await h.launch(id)).status).toBe(200);
    const stats = await h.settle(id);
    const after = await scrape(h.t);

    const delta = (name: string, labels: Record<string, string> = {}) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    // Sent = accepted by the vendor; failed at send time = rejected by it (receipts fail later, not here).
    const ids = rowsOf<{ id: string }>(
      await h.t.db.handle.db.execute(sql`select id from messages where campaign_id = ${id}`),
    );
    const rejected = ids.filter((r) => predictVendorFate(r.id, 'sms', RATES).fate === 'rejected').length;
    expect(rejected).toBeGreaterThan(0);
    expect(
      delta('crm_messages_sent_total', { channel: 'sms' }) + delta('crm_messages_failed_total', { channel: 'sms' }),
    ).toBe(Number(stats['audience']));
    expect(delta('crm_messages_sent_total', { channel: 'sms' })).toBe(Number(stats['audience']) - rejected);
    expect(delta('crm_receipt_lag_seconds_count')).toBe(
      Number(stats['delivered']) + Number(stats['failed']) - rejected,
    );
    expect(
      delta('crm_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/campaigns/:id/launch',
        status: '200',
      }),
    ).toBe(1);
    for (const queue of ['imports', 'campaign-launch', 'delivery-sms', 'delivery-email', 'webhook-delivery'])
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(sample(after, 'crm_queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
    if (driver === 'pg') expect(sample(after, 'crm_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(0);
    else expect(sample(after, 'crm_db_pool_connections', { state: 'idle' })).toBeUndefined();
  });

  it('carries the request id of an upload into the import job (its audit row and logs)', async () => {
    const requestId = `trace-${driver}-import-1`;
    const form = new FormData();
    form.append('file', new Blob(['email,first_name\nmetrics1@example.com,Mia\n']), 'm.csv');
    form.append('kind', 'customers');
    const res = await h.t.request('POST', '/api/imports', {
      token: h.token,
      raw: form,
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(202);
    const db = h.t.db.handle.db;
    const row = await waitUntil('import.finished audit row', async () =>
      rowsOf<{ request_id: string | null }>(
        await db.execute(
          sql`select request_id from audit_log where action = 'import.finished' and entity_id = ${res.body.id}`,
        ),
      ).at(0),
    );
    expect(row.request_id).toBe(requestId);
  });

  it('exposes every metric the Grafana dashboard and the docs name (after a campaign and an import)', async () => {
    const dashboard = readFileSync(join(WORKSPACE_ROOT, 'deploy/grafana/mini-crm.json'), 'utf8');
    const exprs = (JSON.parse(dashboard).panels as { targets: { expr: string }[] }[]).flatMap((p) =>
      p.targets.map((t) => t.expr),
    );
    const named = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(crm|nodejs|process)_[a-z0-9_]+/g)].map((m) => m[0])));
    expect(named.size).toBeGreaterThanOrEqual(12);
    const text = await scrape(h.t);
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const base = (n: string) => n.replace(/_(bucket|count|sum)$/, '');
    expect([...named].filter((n) => !exposed.has(n) && !exposed.has(base(n)))).toEqual([]);
    // Counters with labels appear once counted: the earlier tests sent a campaign and imported a file.
    expect(sample(text, 'crm_import_rows_total', { kind: 'customers', outcome: 'inserted' })).toBeGreaterThan(0);
  });

  it('separates liveness from readiness, and readiness notices a missing migration', async () => {
    expect((await h.t.request('GET', '/api/health/live')).body).toEqual({ status: 'ok' });
    const ready = await h.t.request('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
    });
    expect((await h.t.request('GET', '/api/health')).status).toBe(200);

    const db = h.t.db.handle.db;
    const [last] = rowsOf<{ id: number; hash: string; created_at: string }>(
      await db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id desc limit 1`),
    );
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last.id}`);
    try {
      const notReady = await h.t.request('GET', '/api/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.body.details.migrations).toEqual({
        status: 'down',
        message: expect.stringMatching(/^(\d+) of (\d+) migrations applied$/),
      });
      expect((await h.t.request('GET', '/api/health/live')).status).toBe(200);
    } finally {
      await db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last.id}, ${last.hash}, ${last.created_at})`,
      );
    }
  });
});

// The server driver: two apps in one test, and starting PGlite twice took over 180 s on a loaded CI.
describe('metrics without a token', () => {
  it('are off on the API port, and served on the loopback METRICS_PORT when set', async () => {
    const off = await startTestApp({ driver: 'pg' });
    try {
      expect((await off.request('GET', '/api/metrics')).status).toBe(404);
      expect(off.app.get(MetricsListener).port).toBeNull();
    } finally {
      await off.close();
    }
    // An API that only enqueues: a launch's send jobs wait, and the scrape shows it.
    const t = await startTestApp({
      driver: 'pg',
      env: { METRICS_PORT: '0', WORKERS_IN_API: 'false', VENDOR_URL: 'http://127.0.0.1:9' },
    });
    try {
      expect((await t.request('GET', '/api/metrics')).status).toBe(404);
      const port = t.app.get(MetricsListener).port;
      expect(port).toBeGreaterThan(0);
      const { accessToken } = await t.login('admin@example.com');
      await seedCustomers(t.db.handle.db, makeCustomers(5, 'Pune'));
      const seg = await t.request('POST', '/api/segment-rules', {
        token: accessToken,
        body: { name: 'P', rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] } },
      });
      const camp = await t.request('POST', '/api/campaigns', {
        token: accessToken,
        body: { name: 'Q', segmentId: seg.body.id, channel: 'sms', message: 'Hi' },
      });
      expect(
        (await t.request('POST', `/api/campaigns/${camp.body.id}/launch`, { token: accessToken, body: {} })).status,
      ).toBe(200);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      // Nothing consumes here: the launch's send jobs wait.
      expect(sample(text, 'crm_queue_jobs', { queue: 'delivery-sms', state: 'waiting' })).toBeGreaterThan(0);
      expect(sample(text, 'crm_queue_jobs', { queue: 'delivery-sms', state: 'active' })).toBe(0);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await t.close();
    }
  }, 180_000);
});
