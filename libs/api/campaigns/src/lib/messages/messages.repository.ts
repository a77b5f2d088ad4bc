import { Inject, Injectable } from '@nestjs/common';
import { sql, SQL } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from '@mini-crm/db';
import type { CampaignChannel } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { snapshotIdPrefix } from './message-ids.util';
import { rollupUpsert } from '../stats/campaign-rollup.repository';
import { AWAITING_WINNER } from '../experiments/awaiting-winner';

/** A queued message with what rendering needs: recipient, current consent, token values (t0…tn). */
export interface QueuedMessageRow {
  id: string;
  customer_id: string;
  recipient: string | null;
  /** The message's variant key (null: a campaign without variants). */
  variant?: string | null;
  consent: string;
  [token: string]: unknown;
}

export interface AcceptedMessage {
  id: string;
  vendorMessageId: string;
  text: string;
}

export interface FailedMessage {
  id: string;
  reason: string;
  text?: string | null;
}

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

export interface CampaignCounts {
  total: number;
  queued: number;
  /** Of queued: waiting for the sending window (`send_after` set). */
  scheduled: number;
  windowOpensAt: Date | null;
  sent: number;
  failed: number;
  delivered: number;
  opened: number;
  clicked: number;
}

/** Who can be reached on a channel right now (consent + contact point), over unaliased `customers`. */
export function eligibleOn(channel: CampaignChannel): SQL {
  return channel === 'sms'
    ? sql`customers.sms_status = 'subscribed' and customers.phone is not null and customers.phone <> ''`
    : sql`customers.email_status = 'subscribed' and customers.email is not null and customers.email <> ''`;
}

export const recipientColumn = (channel: CampaignChannel) =>
  channel === 'sms' ? sql`customers.phone` : sql`customers.email`;

/** CTEs of one statement and the rollup rows (`campaign_id, at, sent, delivered, failed`) they yield. */
interface OutcomeCtes {
  ctes: SQL;
  rollup: SQL;
}

/**
 * queued → sent. The rows are locked first (`o`) so the old status is the one the update replaces
 * even when a receipt moved the message concurrently: `sent` is counted exactly once per message.
 */
function acceptedCtes(items: AcceptedMessage[]): OutcomeCtes {
  const json = JSON.stringify(items.map((i) => ({ id: i.id, vid: i.vendorMessageId, body: i.text })));
  return {
    ctes: sql`
    a_v as (select * from jsonb_to_recordset(${json}::jsonb) as v(id uuid, vid text, body text)),
    a_o as (
      -- A row whose vendor id a receipt already set (outcome lost in a crash) still gets its text.
      select m.id, m.status from messages m join a_v on a_v.id = m.id
      where m.vendor_message_id is null or (m.vendor_message_id = a_v.vid and m.rendered_text is null) for update of m
    ), a_u as (
      update messages m set
        vendor_message_id = a_v.vid,
        rendered_text = a_v.body,
        sent_at = coalesce(m.sent_at, now()),
        attempts = m.attempts + 1,
        status = case when m.status = 'queued' then 'sent' else m.status end
      from a_v, a_o
      where m.id = a_v.id and a_o.id = m.id
      returning m.campaign_id, m.sent_at, a_o.status as old_status
    )`,
    rollup: sql`select campaign_id, sent_at as at, 1 as sent, 0 as delivered, 0 as failed from a_u where old_status = 'queued'`,
  };
}

/** queued → failed; the status condition alone makes each row count once. */
function failedCtes(items: FailedMessage[]): OutcomeCtes {
  const json = JSON.stringify(items.map((i) => ({ id: i.id, reason: i.reason, body: i.text ?? null })));
  return {
    ctes: sql`
    f_u as (
      update messages m set status = 'failed', failure_reason = v.reason, failed_at = now(),
        rendered_text = coalesce(v.body, m.rendered_text), attempts = m.attempts + 1
      from jsonb_to_recordset(${json}::jsonb) as v(id uuid, reason text, body text)
      where m.id = v.id and m.status = 'queued'
      returning m.campaign_id, m.failed_at
    )`,
    rollup: sql`select campaign_id, failed_at as at, 0 as sent, 0 as delivered, 1 as failed from f_u`,
  };
}

/** Messages a statement moved out of `queued` (metrics count these, so a replayed send counts once). */
export interface OutcomeCounts {
  sent: number;
  failed: number;
}

const NO_OUTCOMES: OutcomeCounts = { sent: 0, failed: 0 };

function outcomeCounts(result: unknown): OutcomeCounts {
  const row = rowsOf<{ sent: number | string; failed: number | string }>(result)[0];
  return row ? { sent: Number(row.sent), failed: Number(row.failed) } : NO_OUTCOMES;
}

/** One statement: the updates and the rollup upsert of everything they changed (one commit). */
function outcomesStatement(parts: OutcomeCtes[]): SQL {
  const source = sql.join(
    parts.map((p) => p.rollup),
    sql` union all `,
  );
  return sql`with ${sql.join(
    parts.map((p) => p.ctes),
    sql`, `,
  )}, s as (${source}), r as (${rollupUpsert(sql`select * from s`, DELIVERY_COUNTERS)})
    select coalesce(sum(sent), 0)::int as sent, coalesce(sum(failed), 0)::int as failed from s`;
}

const DELIVERY_COUNTERS = ['sent', 'delivered', 'failed'] as const;

/**
 * The communication log. Status moves only forward and only by conditional UPDATEs, so a replayed
 * job or a redelivered receipt can never send twice or move a message back.
 */
@Injectable()
export class MessagesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * Audience snapshot in one INSERT … SELECT: every eligible customer the predicate matches, numbered
   * 1..n by `seq` (send jobs cover seq ranges). Answers the eligible and matched counts.
   * Rows are numbered in customer id order and take time-ordered ids built from seq, so every index
   * of `messages` (id, campaign+customer, campaign+seq, customer) is filled in key order, by the
   * snapshot and again by the sends' non-HOT status updates, and receipts (arriving in send order)
   * touch neighbouring pages.
   */
  async snapshot(
    tx: Tx,
    campaignId: string,
    channel: CampaignChannel,
    predicate: SQL,
  ): Promise<{ audience: number; matched: number }> {
    // A million-row audience may outlast the statement timeout, and needs the memory to sort without spilling to disk.
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    const inserted = await tx.execute(sql`
      with audience as (
        select customers.id as customer_id, ${recipientColumn(channel)} as recipient, (row_number() over (order by customers.id))::int as seq
        from customers where (${predicate}) and ${eligibleOn(channel)}
      ), ins as (
        insert into messages (id, campaign_id, customer_id, seq, recipient, status)
        select (${snapshotIdPrefix()} || lpad(to_hex(seq), 12, '0'))::uuid, ${campaignId}::uuid, customer_id, seq, recipient, 'queued'
        from audience order by seq
        on conflict (campaign_id, customer_id) do nothing
        returning 1
      ) select count(*)::int as n from ins`);
    const matched = await tx.execute(sql`select count(*)::int as n from customers where ${predicate}`);
    return { audience: Number(rowsOf(inserted)[0]['n']), matched: Number(rowsOf(matched)[0]['n']) };
  }

  /**
   * Messages of running campaigns whose window has opened (`send_after` ≤ now) become due again
   * (`send_after` cleared); answers the seq range of each campaign to dispatch.
   */
  async wakeDue(now: Date): Promise<Array<{ campaignId: string; channel: CampaignChannel; min: number; max: number }>> {
    const res = await this.db.execute(sql`
      with due as (
        update messages m set send_after = null
        from campaigns c
        where m.status = 'queued' and m.send_after is not null and m.send_after <= ${now.toISOString()}::timestamptz
          and c.id = m.campaign_id and c.status = 'running'
        returning m.campaign_id, c.channel, m.seq
      ) select campaign_id, channel, min(seq) as lo, max(seq) as hi from due group by campaign_id, channel`);
    return rowsOf(res).map((r) => ({
      campaignId: String(r['campaign_id']),
      channel: r['channel'] as CampaignChannel,
      min: Number(r['lo']),
      max: Number(r['hi']),
    }));
  }

  /** Fresh planner statistics after a snapshot added many rows (autovacuum would be minutes late). */
  async analyze(): Promise<void> {
    await this.db.execute(sql`analyze messages`);
  }

  /** Accepted by the vendor: queued → sent. Idempotent (a message keeps its first vendor id). */
  async markAccepted(items: AcceptedMessage[]): Promise<OutcomeCounts> {
    return items.length ? outcomeCounts(await this.db.execute(outcomesStatement([acceptedCtes(items)]))) : NO_OUTCOMES;
  }

  /** Never sent and never will be (rejected, consent withdrawn, suppressed, retries exhausted): queued → failed. */
  async markFailed(items: FailedMessage[], db: Database | Tx = this.db): Promise<OutcomeCounts> {
    return items.length ? outcomeCounts(await db.execute(outcomesStatement([failedCtes(items)]))) : NO_OUTCOMES;
  }

  /** A page of a campaign's queued messages by seq (the snapshot's suppression check reads them all). */
  async queuedRecipients(
    db: Database | Tx,
    campaignId: string,
    afterSeq: number,
    limit: number,
  ): Promise<Array<{ id: string; recipient: string | null; seq: number }>> {
    const res = await db.execute(sql`
      select id, recipient, seq from messages
      where campaign_id = ${campaignId} and seq > ${afterSeq} and status = 'queued'
      order by seq limit ${limit}`);
    return rowsOf(res).map((r) => ({
      id: String(r['id']),
      recipient: (r['recipient'] as string | null) ?? null,
      seq: Number(r['seq']),
    }));
  }

  /** Both of a vendor batch's outcomes in one statement: one commit (one WAL flush) instead of two. */
  async markOutcomes(accepted: AcceptedMessage[], failed: FailedMessage[]): Promise<OutcomeCounts> {
    if (!accepted.length || !failed.length) {
      const a = await this.markAccepted(accepted);
      const f = await this.markFailed(failed);
      return { sent: a.sent, failed: f.failed };
    }
    return outcomeCounts(await this.db.execute(outcomesStatement([acceptedCtes(accepted), failedCtes(failed)])));
  }

  /** Seq range of the campaign's queued messages; `dueOnly`: leaving out those waiting for their sending window. */
  async queuedSeqRange(campaignId: string, dueOnly = false): Promise<{ min: number; max: number } | null> {
    const res = await this.db.execute(
      sql`select min(seq) as lo, max(seq) as hi from messages where campaign_id = ${campaignId} and status = 'queued'${dueOnly ? sql` and send_after is null` : sql``}`,
    );
    const row = rowsOf(res)[0];
    return row && row['lo'] !== null ? { min: Number(row['lo']), max: Number(row['hi']) } : null;
  }

  async counts(campaignId: string): Promise<CampaignCounts> {
    const res = await this.db.execute(sql`
      select count(*)::int as total,
        count(*) filter (where status = 'queued')::int as queued,
        count(*) filter (where status = 'queued' and send_after is not null)::int as scheduled,
        min(send_after) filter (where status = 'queued' and send_after < ${AWAITING_WINNER}::timestamptz) as window_opens_at,
        count(*) filter (where status = 'failed')::int as failed,
        count(*) filter (where status <> 'queued' and status <> 'failed')::int as sent,
        count(delivered_at) filter (where status <> 'failed')::int as delivered,
        count(opened_at) filter (where status <> 'failed')::int as opened,
        count(clicked_at) filter (where status <> 'failed')::int as clicked
      from messages where campaign_id = ${campaignId}`);
    const r = rowsOf(res)[0] as Record<string, unknown>;
    const n = (k: string) => Number(r[k] ?? 0);
    return {
      total: n('total'),
      queued: n('queued'),
      scheduled: n('scheduled'),
      windowOpensAt: r['window_opens_at'] ? new Date(r['window_opens_at'] as string) : null,
      sent: n('sent'),
      failed: n('failed'),
      delivered: n('delivered'),
      opened: n('opened'),
      clicked: n('clicked'),
    };
  }

  /**
   * A recipient unsubscribed through this campaign's link: recorded once per message (a message
   * event keyed by the message id) and counted in the rollup's `unsubscribes` in the same
   * statement. True when it was new.
   */
  /** Customer and campaign of each message id that exists (provider events name messages, not customers). */
  async owners(ids: string[]): Promise<Map<string, { customerId: string; campaignId: string }>> {
    if (!ids.length) return new Map();
    const res = await this.db.execute(
      sql`select id, customer_id, campaign_id from messages where id = any(${`{${ids.join(',')}}`}::uuid[])`,
    );
    return new Map(
      rowsOf<{ id: string; customer_id: string; campaign_id: string }>(res).map((r) => [
        r.id,
        { customerId: r.customer_id, campaignId: r.campaign_id },
      ]),
    );
  }

  async recordUnsubscribe(campaignId: string, customerId: string): Promise<boolean> {
    const res = await this.db.execute(sql`
      with m as (
        select id, campaign_id, message_month_of(queued_at) as message_month from messages
        where campaign_id = ${campaignId} and customer_id = ${customerId}
      ), ins as (
        insert into message_events (message_id, message_month, receipt_id, type, at)
        select id, message_month, 'unsubscribe:' || id::text, 'unsubscribed', now() from m
        on conflict (receipt_id, message_month) do nothing
        returning message_id, at
      ), r as (${rollupUpsert(sql`select m.campaign_id, ins.at, 1 as unsubscribes from ins join m on m.id = ins.message_id`, ['unsubscribes'])})
      select count(*)::int as n from ins`);
    return Number(rowsOf(res)[0]?.['n'] ?? 0) > 0;
  }

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
