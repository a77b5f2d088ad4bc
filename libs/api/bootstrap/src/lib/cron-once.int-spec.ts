import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { SegmentSnapshotCron } from '@mini-crm/api/segments';
import { startPeerApp, startTestApp, type TestApp } from '@mini-crm/api/testing';

// Two app instances over one database and one Redis prefix (as two processes would be): a scheduled
// task fires in both, and runs in exactly one (CronLock).
describe('crons run once across instances', () => {
  let t: TestApp;
  let peer: Awaited<ReturnType<typeof startPeerApp>>;

  beforeAll(async () => {
    t = await startTestApp({ driver: 'pglite' });
    peer = await startPeerApp(t);
  }, 120_000);
  afterAll(async () => {
    await peer?.close();
    await t?.close();
  }, 60_000);

  it('takes daily segment snapshots in one instance only', async () => {
    const { accessToken } = await t.login('admin@example.com');
    for (const city of ['Pune', 'Delhi']) {
      const res = await t.request('POST', '/api/segment-rules', {
        token: accessToken,
        body: { name: city, rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: city }] } },
      });
      expect(res.status).toBe(201);
    }
    const db = t.db.handle.db;
    const count = async () =>
      rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from segment_snapshots`))[0].n;
    const before = await count();
    // A run 13 h from now: the segments saved just now are no longer fresh, so a run counts both.
    const at = new Date(Date.now() + 13 * 3600_000);
    const results = await Promise.all([
      t.app.get(SegmentSnapshotCron).scheduled(at),
      peer.app.get(SegmentSnapshotCron).scheduled(at),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toEqual({ snapshotted: 2, failed: 0 });
    expect((await count()) - before).toBe(2);
    // The next period is a new slot: one instance runs again.
    const next = new Date(at.getTime() + 12 * 3600_000);
    const again = await Promise.all([
      peer.app.get(SegmentSnapshotCron).scheduled(next),
      t.app.get(SegmentSnapshotCron).scheduled(next),
    ]);
    expect(again.filter((r) => r === null)).toHaveLength(1);
  });
});
