import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { SchedulerRegistry } from '@nestjs/schedule';
import { migrateDatabase, resolveMigrationsDir, rowsOf } from '@mini-crm/db';
import { createTestDatabase, startTestApp, testDrivers, type TestApp, type TestDatabase } from '@mini-crm/api/testing';
import { MessagesRepository } from '../messages/messages.repository';
import { ReceiptsRepository } from '../messages/receipts.repository';
import { EventPartitionsCron, monthStart } from './event-partitions.cron';

/** The migrations before 0024 (which partitions the event tables), in a folder of their own. */
function migrationsBeforePartitioning(): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-0023-'));
  cpSync(resolveMigrationsDir(), dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < 24);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** Issue 19: message_events and engagement_events partitioned by their message's month, with retention. */
describe.each(testDrivers())('event partitions (%s)', (driver) => {
  const now = new Date();
  /** A moment in the month `offset` months from now's. */
  const inMonth = (offset: number) => new Date(`${monthStart(now, offset).slice(0, 8)}10T08:00:00Z`);
  const name = (table: string, offset: number) => `${table}_y${monthStart(now, offset).replace(/-(\d\d)-01$/, 'm$1')}`;

  let db: TestDatabase;
  let t: TestApp;
  let folder: string;
  const ids = { campaign: '', link: 0, old: '', recent: '', current: '' };
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.handle.db.execute(query));
  /** A sent message of a new customer, queued at `queuedAt`. */
  const messageAt = async (queuedAt: Date, vid: string) =>
    (
      await q<{ id: string }>(sql`
        with c as (insert into customers (external_id) values (${vid}) returning id)
        insert into messages (campaign_id, customer_id, recipient, status, vendor_message_id, queued_at, sent_at)
        select ${ids.campaign}, c.id, '+919800000001', 'sent', ${vid}, ${queuedAt.toISOString()}, ${queuedAt.toISOString()} from c
        returning id`)
    )[0].id;
  const where = async (table: 'message_events' | 'engagement_events') =>
    q<{ part: string; message_id: string; key: string }>(
      table === 'message_events'
        ? sql`select tableoid::regclass::text as part, message_id, receipt_id as key from message_events order by receipt_id collate "C"`
        : sql`select tableoid::regclass::text as part, message_id, hit_id as key from engagement_events order by hit_id collate "C"`,
    );

  beforeAll(async () => {
    folder = migrationsBeforePartitioning();
    db = await createTestDatabase(driver, undefined, folder);
    const segment = (
      await q<{ id: string }>(sql`insert into segments (name, rules) values ('All', '{}'::jsonb) returning id`)
    )[0].id;
    ids.campaign = (
      await q<{ id: string }>(sql`
        insert into campaigns (name, segment_id, channel, message) values ('Old', ${segment}, 'sms', 'Hi') returning id`)
    )[0].id;
    ids.link = (
      await q<{ id: number }>(sql`
        insert into campaign_links (campaign_id, url, position) values (${ids.campaign}, 'https://shop.example', 1) returning id`)
    )[0].id;
    ids.old = await messageAt(inMonth(-20), 'v-old');
    ids.recent = await messageAt(inMonth(-5), 'v-recent');
    ids.current = await messageAt(inMonth(0), 'v-current');
    for (const [key, id] of [
      ['old', ids.old],
      ['recent', ids.recent],
      ['current', ids.current],
    ]) {
      await db.handle.db.execute(sql`
        insert into message_events (receipt_id, message_id, type, at) values (${`r-${key}-d`}, ${id}, 'delivered', now())`);
      await db.handle.db.execute(sql`
        insert into engagement_events (hit_id, message_id, campaign_id, customer_id, link_id, type, at)
        select ${`h-${key}`}, id, campaign_id, customer_id, ${ids.link}, 'click', now() from messages where id = ${id}`);
    }
    await migrateDatabase(db.handle);
    t = await startTestApp({ driver, database: db });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('the migration keeps every row, each in the partition of its message month', async () => {
    expect(await where('message_events')).toEqual([
      { part: name('message_events', 0), message_id: ids.current, key: 'r-current-d' },
      { part: name('message_events', -20), message_id: ids.old, key: 'r-old-d' },
      { part: name('message_events', -5), message_id: ids.recent, key: 'r-recent-d' },
    ]);
    expect(await where('engagement_events')).toEqual([
      { part: name('engagement_events', 0), message_id: ids.current, key: 'h-current' },
      { part: name('engagement_events', -20), message_id: ids.old, key: 'h-old' },
      { part: name('engagement_events', -5), message_id: ids.recent, key: 'h-recent' },
    ]);
    // The identity goes on after the copied ids.
    const [{ next, max }] = await q<{ next: number; max: number }>(sql`
      with i as (
        insert into engagement_events (hit_id, message_id, message_month, campaign_id, customer_id, type, at)
        select 'h-after', id, message_month_of(queued_at), campaign_id, customer_id, 'open', now() from messages where id = ${ids.current}
        returning id
      ) select (select id from i)::int as next, (select max(id) from engagement_events)::int as max`);
    expect(next).toBeGreaterThan(max);
    // Deleting a message still takes its events along (the foreign keys were rebuilt).
    const gone = await messageAt(inMonth(0), 'v-gone');
    await db.handle.db.execute(sql`
      insert into message_events (receipt_id, message_id, message_month, type)
      select 'r-gone', id, message_month_of(queued_at), 'delivered' from messages where id = ${gone}`);
    await db.handle.db.execute(sql`delete from messages where id = ${gone}`);
    expect(await q(sql`select 1 from message_events where receipt_id = 'r-gone'`)).toEqual([]);
    const partitions = await q<{ n: number }>(sql`
      select count(*)::int as n from pg_inherits where inhparent = 'message_events'::regclass`);
    expect(partitions[0].n).toBe(1 + 2 + 4); // default, the two past months, the current and next three
  });

  it('a replayed or repeated receipt is still ignored after the migration', async () => {
    const repo = t.app.get(MessagesRepository);
    const receipts = t.app.get(ReceiptsRepository);
    const receipt = (receiptId: string, type: 'delivered' | 'opened') => ({
      receiptId,
      messageId: ids.recent,
      vendorMessageId: 'v-recent',
      type,
      at: new Date().toISOString(),
    });
    // Stored before the migration: the same receipt again is a no-op, and so is a new id of the same kind.
    expect((await receipts.applyReceipts([receipt('r-recent-d', 'delivered')])).appliedIds).toEqual([]);
    expect((await receipts.applyReceipts([receipt('r-recent-d2', 'delivered')])).appliedIds).toEqual([]);
    expect((await receipts.applyReceipts([receipt('r-recent-o', 'opened')])).appliedIds).toEqual(['r-recent-o']);
    expect((await receipts.applyReceipts([receipt('r-recent-o', 'opened')])).appliedIds).toEqual([]);
    const [{ customer_id: customer }] = await q<{ customer_id: string }>(
      sql`select customer_id from messages where id = ${ids.recent}`,
    );
    expect(await repo.recordUnsubscribe(ids.campaign, customer)).toBe(true);
    expect(await repo.recordUnsubscribe(ids.campaign, customer)).toBe(false);
    const events = await q<{ receipt_id: string; part: string }>(sql`
      select receipt_id, tableoid::regclass::text as part from message_events where message_id = ${ids.recent} order by receipt_id collate "C"`);
    expect(events).toEqual([
      { receipt_id: 'r-recent-d', part: name('message_events', -5) },
      { receipt_id: 'r-recent-o', part: name('message_events', -5) },
      { receipt_id: `unsubscribe:${ids.recent}`, part: name('message_events', -5) },
    ]);
  });

  it('runs daily', () => {
    const job = t.app.get(SchedulerRegistry).getCronJob('event-partitions');
    const [a, b] = job.nextDates(2).map((d) => d.toMillis());
    expect(b - a).toBe(86_400_000);
  });

  it('the daily job creates the coming months and drops the expired ones', async () => {
    // Events the default partition caught: one of a month long expired, one of a month with no partition yet.
    const stale = await messageAt(inMonth(-30), 'v-stale');
    const future = await messageAt(inMonth(11), 'v-future');
    for (const id of [stale, future])
      await db.handle.db.execute(sql`
        insert into message_events (receipt_id, message_id, message_month, type)
        select 'r-' || vendor_message_id, id, message_month_of(queued_at), 'delivered' from messages where id = ${id}`);
    expect(
      (await where('message_events')).filter((r) => r.part === 'message_events_default').map((r) => r.key),
    ).toEqual(['r-v-future', 'r-v-stale']);

    // Six months on, with the default retention of 13 months: kept from the month 7 months before now.
    const at = inMonth(6);
    const run = await t.app.get(EventPartitionsCron).run(at);
    expect(run).toEqual({
      created: [
        ...[6, 7, 8, 9, 11].map((m) => name('message_events', m)),
        ...[6, 7, 8, 9].map((m) => name('engagement_events', m)),
      ],
      dropped: [name('message_events', -20), name('engagement_events', -20)],
      deletedFromDefault: 1,
    });
    expect((await where('message_events')).map((r) => [r.key, r.part])).toEqual([
      ['r-current-d', name('message_events', 0)],
      ['r-recent-d', name('message_events', -5)],
      ['r-recent-o', name('message_events', -5)],
      ['r-v-future', name('message_events', 11)],
      [`unsubscribe:${ids.recent}`, name('message_events', -5)],
    ]);
    expect((await where('engagement_events')).map((r) => r.key)).toEqual(['h-after', 'h-current', 'h-recent']);
    // Only the raw events go: their messages stay.
    expect((await q<{ n: number }>(sql`select count(*)::int as n from messages where id = ${ids.old}`))[0].n).toBe(1);

    // A second run the same day finds nothing to do.
    expect(await t.app.get(EventPartitionsCron).run(at)).toEqual({ created: [], dropped: [], deletedFromDefault: 0 });
  });
});
