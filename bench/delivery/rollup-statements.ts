/**
 * Quick A/B of the delivery path's statements with and without the rollup CTEs, on the PostgreSQL
 * server, interleaved in one run: accepts (500 per statement, like a vendor batch) and delivered
 * receipts (500 per statement). "before" is the statement as it was before rollups (copied here).
 *
 *   npx tsx --tsconfig bench/delivery/tsconfig.json bench/delivery/rollup-statements.ts
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/crm_bench_rollup_ab), BENCH_MESSAGES (100000).
 */
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rowsOf } from '@mini-crm/db';
import { MessagesRepository, ReceiptsRepository } from '@mini-crm/api/campaigns';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/crm_bench_rollup_ab';
const N = Number(process.env['BENCH_MESSAGES'] ?? 100_000);
const BATCH = 500;

async function main() {
  const admin = new URL(DATABASE_URL);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`drop database if exists ${name}`);
  await c.query(`create database ${name}`);
  await c.end();
  const handle = await openDatabase({ url: DATABASE_URL, poolSize: 2 });
  await migrateDatabase(handle);
  const db = handle.db;
  const repo = new MessagesRepository(db);
  const receipts = new ReceiptsRepository(db);
  await db.execute(sql`insert into customers (email) select 'c' || i || '@ab.test' from generate_series(1, ${N}) i`);
  await db.execute(sql`insert into segments (name, rules) values ('ab', '{}')`);
  const camp = rowsOf<{ id: string }>(
    await db.execute(
      sql`insert into campaigns (name, segment_id, channel, message) select v, id, 'sms', 'x' from segments, (values ('before'), ('after')) v(v) returning id`,
    ),
  );
  for (const k of camp) {
    await db.execute(
      sql`insert into messages (campaign_id, customer_id, seq, status) select ${k.id}, id, row_number() over (order by id), 'queued' from customers`,
    );
  }
  await db.execute(sql`analyze messages`);
  const ids = async (campaignId: string) =>
    rowsOf<{ id: string }>(
      await db.execute(sql`select id from messages where campaign_id = ${campaignId} order by seq`),
    ).map((r) => r.id);
  const [before, after] = [await ids(camp[0].id), await ids(camp[1].id)];

  const oldAccept = (items: { id: string; vid: string; body: string }[]) =>
    db.execute(sql`
      update messages m set vendor_message_id = v.vid, rendered_text = v.body, sent_at = coalesce(m.sent_at, now()),
        attempts = m.attempts + 1, status = case when m.status = 'queued' then 'sent' else m.status end
      from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as v(id uuid, vid text, body text)
      where m.id = v.id and m.vendor_message_id is null`);
  const times = { acceptBefore: 0, acceptAfter: 0, receiptBefore: 0, receiptAfter: 0 };
  const time = async (key: keyof typeof times, fn: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    await fn();
    times[key] += Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < N; i += BATCH) {
    const a = before.slice(i, i + BATCH).map((id) => ({ id, vid: `v-${id}`, body: 'Hello there' }));
    const b = after.slice(i, i + BATCH).map((id) => ({ id, vendorMessageId: `v-${id}`, text: 'Hello there' }));
    await time('acceptBefore', () => oldAccept(a));
    await time('acceptAfter', () => repo.markAccepted(b));
  }
  const oldReceipts = (rows: { rid: string; mid: string; vid: string; type: string; reason: null; at: string }[]) =>
    db.execute(sql`
      with v as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(rid text, mid uuid, vid text, type text, reason text, at timestamptz)
      ), matched as (select v.*, message_month_of(m.queued_at) as mm from v join messages m on m.id = v.mid
      ), ins as (
        insert into message_events (message_id, message_month, receipt_id, type, at, meta)
        select mid, mm, rid, type, at, case when reason is null then null else jsonb_build_object('reason', reason) end from matched
        on conflict (receipt_id, message_month) do nothing returning receipt_id, message_id, type, at, meta
      ), agg as (
        select message_id, min(at) filter (where type = 'delivered') as d_at, min(at) filter (where type = 'opened') as o_at,
          min(at) filter (where type = 'clicked') as c_at, min(at) filter (where type = 'failed') as f_at,
          max(meta ->> 'reason') filter (where type = 'failed') as f_reason
        from ins group by message_id
      ), upd as (
        update messages m set delivered_at = coalesce(m.delivered_at, agg.d_at), opened_at = coalesce(m.opened_at, agg.o_at),
          clicked_at = coalesce(m.clicked_at, agg.c_at),
          failed_at = case when agg.f_at is not null and m.status <> 'failed' then agg.f_at else m.failed_at end,
          failure_reason = case when agg.f_at is not null and m.status <> 'failed' then coalesce(agg.f_reason, 'failed') else m.failure_reason end,
          status = case when agg.f_at is not null then 'failed' when m.status = 'queued' then 'sent' else m.status end
        from agg where m.id = agg.message_id returning 1
      )
      select (select coalesce(json_agg(rid), '[]'::json) from matched) as matched,
        (select coalesce(json_agg(receipt_id), '[]'::json) from ins) as applied, (select count(*) from upd)::int as updated`);
  const now = new Date().toISOString();
  for (let i = 0; i < N; i += BATCH) {
    const a = before
      .slice(i, i + BATCH)
      .map((id) => ({ rid: `r-${id}`, mid: id, vid: `v-${id}`, type: 'delivered', reason: null, at: now }));
    const b = after.slice(i, i + BATCH).map((id) => ({
      receiptId: `r-${id}`,
      messageId: id,
      vendorMessageId: `v-${id}`,
      type: 'delivered' as const,
      at: now,
    }));
    await time('receiptBefore', () => oldReceipts(a));
    await time('receiptAfter', () => receipts.applyReceipts(b));
  }
  const rate = (ms: number) => Math.round((N / ms) * 1000).toLocaleString('en-US');
  console.log(
    `accept (markAccepted, ${BATCH}/statement): before ${rate(times.acceptBefore)} msg/s, with rollup ${rate(times.acceptAfter)} msg/s`,
  );
  console.log(
    `delivered receipts (applyReceipts, ${BATCH}/statement): before ${rate(times.receiptBefore)} msg/s, with rollup ${rate(times.receiptAfter)} msg/s`,
  );
  const [tot] = rowsOf<Record<string, string>>(
    await db.execute(
      sql`select sum(sent)::int as sent, sum(delivered)::int as delivered from campaign_hourly_stats where campaign_id = ${camp[1].id}`,
    ),
  );
  console.log(`rollup after: sent ${tot['sent']}, delivered ${tot['delivered']} (expected ${N} each)`);
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
