import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { IMPORT_QUEUE, Queues } from '@mini-crm/api/core';
import { ChildHandle, startTestApp, startWorkerProcess, type TestApp } from '@mini-crm/api/testing';
import { messyCustomersCsv, upload, waitForImport } from './testing/import-api.fixture';
import { UploadStorage } from './storage/upload-storage.service';

/**
 * WORKERS_IN_API=false: the API enqueues imports and never runs them; an apps/worker process does.
 * Separate processes share one database, so this runs on the PostgreSQL server driver only; the
 * worker is the production bundle of apps/worker, with its own DATA_DIR: the upload reaches it through
 * the database (UPLOAD_STORAGE=database), never through the API's disk.
 */
describe('imports with WORKERS_IN_API=false (pg)', () => {
  let t: TestApp;
  let admin: string;
  let worker: ChildHandle | undefined;

  beforeAll(async () => {
    t = await startTestApp({ driver: 'pg', env: { WORKERS_IN_API: 'false', UPLOAD_RETENTION_HOURS: '0' } });
    admin = (await t.login('admin@example.com')).accessToken;
  }, 120_000);
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await t?.close();
  }, 120_000);

  it('stays queued in the API until a worker process consumes it, which runs it to the end', async () => {
    const res = await upload(t, admin, messyCustomersCsv(), { kind: 'customers' });
    expect(res.status).toBe(202);
    // No process consumes the queue, so nothing can pick the job up (a state, not a wait).
    expect(await t.app.get(Queues).queue(IMPORT_QUEUE).getWorkersCount()).toBe(0);
    const waiting = await t.request('GET', `/api/imports/${res.body.id}`, { token: admin });
    expect(waiting.body).toMatchObject({ status: 'queued', rows: 0, startedAt: null });
    const counts = await t.app.get(Queues).queue(IMPORT_QUEUE).getJobCounts('waiting', 'active');
    expect(counts).toMatchObject({ waiting: 1, active: 0 });
    // The file is in the database, not on the API's disk.
    expect(await readdir(join(t.config.dataDir, 'uploads'))).toEqual([]);
    const chunks = async () =>
      rowsOf<{ n: number }>(await t.db.handle.db.execute(sql`select count(*)::int as n from import_upload_chunks`))[0]
        .n;
    expect(await chunks()).toBeGreaterThan(0);
    // Retention counts from the end of the import: a queued import's upload is never purged.
    await t.app.get(UploadStorage).purgeExpired();
    expect(await chunks()).toBeGreaterThan(0);

    worker = await startWorkerProcess({
      DATABASE_URL: t.db.url as string,
      REDIS_URL: t.config.redisUrl,
      REDIS_PREFIX: t.config.redisPrefix,
      JWT_SECRET: t.config.auth.jwtSecret,
    });
    const job = await waitForImport(t, admin, res.body.id, 60_000);
    expect(await t.app.get(Queues).queue(IMPORT_QUEUE).getWorkersCount()).toBeGreaterThan(0); // the check above can see a consumer
    expect(job).toMatchObject({ status: 'completed', rows: 11, inserted: 5, duplicates: 2, failed: 4 });
    const john = await t.request('GET', `/api/customers?q=${encodeURIComponent('john.doe@example.com')}`, {
      token: admin,
    });
    expect(john.body.items).toHaveLength(1);
    // Finished, and retention (0 h here) over: the stored upload goes.
    await t.app.get(UploadStorage).purgeExpired();
    expect(await chunks()).toBe(0);
  }, 120_000);
});
