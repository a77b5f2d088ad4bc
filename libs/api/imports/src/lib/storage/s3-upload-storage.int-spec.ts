import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { IMPORT_QUEUE, Queues } from '@mini-crm/api/core';
import { startTestApp, testDrivers, waitUntil, type TestApp } from '@mini-crm/api/testing';
import { messyCustomersCsv, upload, waitForImport } from '../testing/import-api.fixture';
import { startLoopbackS3, type LoopbackS3 } from '../testing/loopback-s3';
import { UploadStorage } from './upload-storage.service';

/**
 * UPLOAD_STORAGE=s3 through the real AWS SDK against a loopback S3 server: an API that never runs
 * imports (WORKERS_IN_API=false) stores the upload as an object; a peer with its own DATA_DIR, on the
 * same database and Redis prefix, parses it from the bucket; the object goes after retention (0 h).
 */
describe.each(testDrivers())('S3 upload storage (%s)', (driver) => {
  let s3: LoopbackS3;
  let api: TestApp;
  let peer: TestApp | undefined;
  let admin: string;

  beforeAll(async () => {
    s3 = await startLoopbackS3();
    api = await startTestApp({ driver, env: { ...s3.env, WORKERS_IN_API: 'false', UPLOAD_RETENTION_HOURS: '0' } });
    admin = (await api.login('admin@example.com')).accessToken;
  }, 120_000);
  afterAll(async () => {
    await peer?.close();
    await api?.close();
    await s3?.close();
  }, 120_000);

  const filePath = async (id: string) =>
    rowsOf<{ file_path: string | null }>(
      await api.db.handle.db.execute(sql`select file_path from import_jobs where id = ${id}`),
    )[0].file_path;

  it('stores the upload in the bucket, a peer parses it, and the object goes after retention', async () => {
    const res = await upload(api, admin, messyCustomersCsv(), { kind: 'customers' });
    expect(res.status).toBe(202);
    expect(await api.app.get(Queues).queue(IMPORT_QUEUE).getWorkersCount()).toBe(0);
    const keys = await s3.keys();
    expect(keys).toHaveLength(1);
    expect(await filePath(res.body.id)).toBe(`s3:${keys[0]}`);
    // Neither the API's disk nor the database holds the file.
    expect(await readdir(join(api.config.dataDir, 'uploads'))).toEqual([]);
    const chunks = rowsOf<{ n: number }>(
      await api.db.handle.db.execute(sql`select count(*)::int as n from import_upload_chunks`),
    )[0].n;
    expect(chunks).toBe(0);
    // A queued import's upload is never purged.
    await api.app.get(UploadStorage).purgeExpired();
    expect(await s3.keys()).toEqual(keys);

    peer = await startTestApp({
      driver,
      database: api.db,
      env: { ...s3.env, WORKERS_IN_API: 'true', REDIS_PREFIX: api.config.redisPrefix, UPLOAD_RETENTION_HOURS: '0' },
    });
    expect(peer.config.dataDir).not.toBe(api.config.dataDir);
    const job = await waitForImport(api, admin, res.body.id, 60_000);
    expect(job).toMatchObject({ status: 'completed', rows: 11, inserted: 5, duplicates: 2, failed: 4 });
    const john = await api.request('GET', `/api/customers?q=${encodeURIComponent('john.doe@example.com')}`, {
      token: admin,
    });
    expect(john.body.items).toHaveLength(1);
    // The peer fetched a local copy and removes it once parsed (just after the import is marked
    // finished); the object stays until the purge.
    const peerUploads = join(peer.config.dataDir, 'uploads');
    await waitUntil('the peer removed its local copy', async () => (await readdir(peerUploads)).length === 0);
    expect(await s3.keys()).toEqual(keys);

    expect(await peer.app.get(UploadStorage).purgeExpired()).toBe(1);
    expect(await s3.keys()).toEqual([]);
    expect(await filePath(res.body.id)).toBeNull();
    expect(await api.app.get(UploadStorage).purgeExpired()).toBe(0);
  }, 120_000);
});
