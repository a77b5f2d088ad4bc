import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';
import { rollupUpsert } from '../stats/campaign-rollup.repository';
import { DELIVERY_COUNTERS } from './messages.repository';

export interface ReceiptRow {
  receiptId: string;
  messageId: string;
  vendorMessageId: string;
  type: 'delivered' | 'failed' | 'opened' | 'clicked';
  reason?: string | null;
  at: string;
}

/** A message that a receipt statement moved to delivered or to failed (what outgoing webhooks announce). */
export interface ReceiptOutcome {
  messageId: string;
  campaignId: string;
  customerId: string;
  type: 'delivered' | 'failed';
  at: string;
  reason: string | null;
}

/** Delivery receipts (the vendor's, or a real provider's events) applied to messages, their events and the rollups. */
@Injectable()
export class ReceiptsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * Applies vendor receipts in one statement. A receipt counts only when it names the message's
   * vendor message id (a queued message without one — its send outcome lost in a crash — takes the
   * receipt's id). Each is stored as a message event, at most one per kind per message (unique
   * receipt id and unique (message_id, type), each with the message's month, the partition key:
   * replays and repeats are no-ops), and the new events
   * move their messages forward only: queued < sent < delivered < opened < clicked; `failed` only
   * from queued/sent with no engagement, so a late failure never overwrites delivered/opened/clicked.
   * A receipt moving a queued message also sets its vendor message id and sent time.
   */
  async applyReceipts(
    receipts: ReceiptRow[],
  ): Promise<{ matchedIds: string[]; appliedIds: string[]; mismatchedIds: string[]; outcomes: ReceiptOutcome[] }> {
    if (!receipts.length) return { matchedIds: [], appliedIds: [], mismatchedIds: [], outcomes: [] };
    const json = JSON.stringify(
      receipts.map((r) => ({
        rid: r.receiptId,
        mid: r.messageId,
        vid: r.vendorMessageId,
        type: r.type,
        reason: r.reason ?? null,
        at: r.at,
      })),
    );
    const res = await this.db.execute(sql`
      with v as (
        select * from jsonb_to_recordset(${json}::jsonb) as v(rid text, mid uuid, vid text, type text, reason text, at timestamptz)
      ), known as (
        select v.*, message_month_of(m.queued_at) as mm, coalesce(m.vendor_message_id = v.vid or (m.vendor_message_id is null and m.status = 'queued'
            and v.vid = (select min(v2.vid) from v v2 where v2.mid = v.mid)), false) as ok
        from v join messages m on m.id = v.mid
      ), matched as (
        select * from known where ok
      ), ins as (
        insert into message_events (message_id, message_month, receipt_id, type, at, meta)
        select mid, mm, rid, type, at, case when reason is null then null else jsonb_build_object('reason', reason) end from matched
        on conflict do nothing
        returning receipt_id, message_id, type, at, meta
      ), agg as (
        select ins.message_id,
          min(ins.at) filter (where ins.type = 'delivered') as d_at,
          min(ins.at) filter (where ins.type = 'opened') as o_at,
          min(ins.at) filter (where ins.type = 'clicked') as c_at,
          min(ins.at) filter (where ins.type = 'failed') as f_at,
          max(ins.meta ->> 'reason') filter (where ins.type = 'failed') as f_reason,
          min(mt.vid) as vid
        from ins join matched mt on mt.rid = ins.receipt_id group by ins.message_id
      ), o as (
        -- Locked first, so the old values below are the ones this update replaces (rollups count each move once).
        select m.id, m.status, m.sent_at, m.delivered_at,
          (agg.f_at is not null and m.status in ('queued', 'sent')
            and coalesce(m.delivered_at, m.opened_at, m.clicked_at, agg.d_at, agg.o_at, agg.c_at) is null) as fails
        from messages m join agg on agg.message_id = m.id
        for update of m
      ), upd as (
        -- Engagement lives in timestamps only: those updates touch no indexed column, so they are
        -- HOT (no index writes). Only a failed receipt changes status; a failed message stays as it is.
        update messages m set
          delivered_at = case when m.status = 'failed' then m.delivered_at else coalesce(m.delivered_at, agg.d_at) end,
          opened_at = case when m.status = 'failed' then m.opened_at else coalesce(m.opened_at, agg.o_at) end,
          clicked_at = case when m.status = 'failed' then m.clicked_at else coalesce(m.clicked_at, agg.c_at) end,
          sent_at = case when m.status = 'queued' then coalesce(m.sent_at, least(agg.d_at, agg.o_at, agg.c_at, agg.f_at)) else m.sent_at end,
          vendor_message_id = case when m.status = 'queued' then coalesce(m.vendor_message_id, agg.vid) else m.vendor_message_id end,
          failed_at = case when o.fails then agg.f_at else m.failed_at end,
          failure_reason = case when o.fails then coalesce(agg.f_reason, 'failed') else m.failure_reason end,
          status = case when o.fails then 'failed' when m.status = 'queued' then 'sent' else m.status end
        from agg, o where m.id = agg.message_id and o.id = m.id
        returning m.id, m.campaign_id, m.customer_id, m.status, m.sent_at, m.delivered_at, m.failed_at,
          o.status as old_status, o.sent_at as old_sent_at, o.delivered_at as old_delivered_at
      ), r as (${rollupUpsert(receiptRollupSource, DELIVERY_COUNTERS)})
      select (select coalesce(json_agg(rid), '[]'::json) from matched) as matched,
        (select coalesce(json_agg(receipt_id), '[]'::json) from ins) as applied,
        (select coalesce(json_agg(rid), '[]'::json) from known where not ok) as mismatched,
        (select count(*) from upd)::int as updated,
        (select coalesce(json_agg(json_build_object('messageId', upd.id, 'campaignId', upd.campaign_id,
            'customerId', upd.customer_id, 'type', ins.type, 'at', ins.at, 'reason', ins.meta ->> 'reason')), '[]'::json)
          from ins join upd on upd.id = ins.message_id
          where (ins.type = 'delivered' and upd.status <> 'failed')
            or (ins.type = 'failed' and upd.status = 'failed' and upd.old_status <> 'failed')) as outcomes`);
    const row = rowsOf(res)[0] as Record<string, unknown>;
    return {
      matchedIds: jsonArray(row['matched']),
      appliedIds: jsonArray(row['applied']),
      mismatchedIds: jsonArray(row['mismatched']),
      outcomes: (typeof row['outcomes'] === 'string'
        ? JSON.parse(row['outcomes'])
        : (row['outcomes'] ?? [])) as ReceiptOutcome[],
    };
  }
}

/**
 * What one receipt statement moved, as rollup rows, so the hourly counters equal the `messages`
 * aggregate of CampaignStatsService (sent = not queued and not failed; delivered = delivered_at on a
 * message that is not failed): a message counts as sent in the hour of sent_at, as failed in the
 * hour of failed_at, as delivered in the hour of delivered_at (once: only when it moves from null);
 * a failed receipt on a sent message (never one delivered, opened or clicked) takes its sent count back.
 */
const receiptRollupSource = sql`
  select campaign_id, sent_at as at, 1 as sent, 0 as delivered, 0 as failed from upd where old_status = 'queued' and status <> 'failed'
  union all select campaign_id, coalesce(old_sent_at, failed_at), -1, 0, 0 from upd where old_status not in ('queued', 'failed') and status = 'failed'
  union all select campaign_id, failed_at, 0, 0, 1 from upd where old_status <> 'failed' and status = 'failed'
  union all select campaign_id, delivered_at, 0, 1, 0 from upd where status <> 'failed' and old_delivered_at is null and delivered_at is not null`;

function jsonArray(v: unknown): string[] {
  const arr = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(arr) ? arr.map(String) : [];
}
