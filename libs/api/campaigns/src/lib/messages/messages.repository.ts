import { Inject, Injectable } from '@nestjs/common';
import { sql, SQL } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from '@mini-crm/db';
import type { CampaignChannel } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { tokenSelectList } from '../template/token-columns.util';
import { snapshotIdPrefix } from './message-ids.util';

/** A queued message with what rendering needs: recipient, current consent, token values (t0…tn). */
export interface QueuedMessageRow {
  id: string;
  customer_id: string;
  recipient: string | null;
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

export interface CampaignCounts {
  total: number;
  queued: number;
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

const recipientColumn = (channel: CampaignChannel) => (channel === 'sms' ? sql`customers.phone` : sql`customers.email`);
const consentColumn = (channel: CampaignChannel) =>
  channel === 'sms' ? sql`customers.sms_status` : sql`customers.email_status`;

function acceptedUpdate(items: AcceptedMessage[]): SQL {
  const json = JSON.stringify(items.map((i) => ({ id: i.id, vid: i.vendorMessageId, body: i.text })));
  return sql`
    update messages m set
      vendor_message_id = v.vid,
      rendered_text = v.body,
      sent_at = coalesce(m.sent_at, now()),
      attempts = m.attempts + 1,
      status = case when m.status = 'queued' then 'sent' else m.status end
    from jsonb_to_recordset(${json}::jsonb) as v(id uuid, vid text, body text)
    where m.id = v.id and m.vendor_message_id is null`;
}

function failedUpdate(items: FailedMessage[]): SQL {
  const json = JSON.stringify(items.map((i) => ({ id: i.id, reason: i.reason, body: i.text ?? null })));
  return sql`
    update messages m set status = 'failed', failure_reason = v.reason, failed_at = now(),
      rendered_text = coalesce(v.body, m.rendered_text), attempts = m.attempts + 1
    from jsonb_to_recordset(${json}::jsonb) as v(id uuid, reason text, body text)
    where m.id = v.id and m.status = 'queued'`;
}

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

  async queuedInRange(
    campaignId: string,
    channel: CampaignChannel,
    fromSeq: number,
    toSeq: number,
    tokens: readonly string[],
  ): Promise<QueuedMessageRow[]> {
    // The seq range alone picks the rows (messages_campaign_seq_idx); filtering status afterwards
    // keeps the planner off the status index, which early in a campaign matches every row.
    const res = await this.db.execute(sql`
      with r as materialized (
        select id, customer_id, recipient, status, seq from messages
        where campaign_id = ${campaignId} and seq between ${fromSeq} and ${toSeq}
      )
      select m.id, m.customer_id, m.recipient, ${consentColumn(channel)} as consent ${tokenSelectList(tokens)}
      from r m join customers on customers.id = m.customer_id
      where m.status = 'queued'
      order by m.seq`);
    return rowsOf(res) as QueuedMessageRow[];
  }

  /** Fresh planner statistics after a snapshot added many rows (autovacuum would be minutes late). */
  async analyze(): Promise<void> {
    await this.db.execute(sql`analyze messages`);
  }

  /** Accepted by the vendor: queued → sent. Idempotent (a message keeps its first vendor id). */
  async markAccepted(items: AcceptedMessage[]): Promise<void> {
    if (items.length) await this.db.execute(acceptedUpdate(items));
  }

  /** Never sent and never will be (rejected, consent withdrawn, retries exhausted): queued → failed. */
  async markFailed(items: FailedMessage[]): Promise<void> {
    if (items.length) await this.db.execute(failedUpdate(items));
  }

  /** Both of a vendor batch's outcomes in one statement: one commit (one WAL flush) instead of two. */
  async markOutcomes(accepted: AcceptedMessage[], failed: FailedMessage[]): Promise<void> {
    if (!accepted.length || !failed.length) {
      await this.markAccepted(accepted);
      await this.markFailed(failed);
      return;
    }
    await this.db.execute(
      sql`with accepted as (${acceptedUpdate(accepted)}), failed as (${failedUpdate(failed)}) select 1`,
    );
  }

  async queuedSeqRange(campaignId: string): Promise<{ min: number; max: number } | null> {
    const res = await this.db.execute(
      sql`select min(seq) as lo, max(seq) as hi from messages where campaign_id = ${campaignId} and status = 'queued'`,
    );
    const row = rowsOf(res)[0];
    return row && row['lo'] !== null ? { min: Number(row['lo']), max: Number(row['hi']) } : null;
  }

  async counts(campaignId: string): Promise<CampaignCounts> {
    const res = await this.db.execute(sql`
      select count(*)::int as total,
        count(*) filter (where status = 'queued')::int as queued,
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
      sent: n('sent'),
      failed: n('failed'),
      delivered: n('delivered'),
      opened: n('opened'),
      clicked: n('clicked'),
    };
  }

  /**
   * Applies vendor receipts in one statement: stores each as a message event (the unique receipt id
   * makes a replay a no-op) and moves the messages those new events name. Unknown ids are dropped.
   */
  async applyReceipts(receipts: ReceiptRow[]): Promise<{ matchedIds: string[]; appliedIds: string[] }> {
    if (!receipts.length) return { matchedIds: [], appliedIds: [] };
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
      ), matched as (
        select v.* from v join messages m on m.id = v.mid
      ), ins as (
        insert into message_events (message_id, receipt_id, type, at, meta)
        select mid, rid, type, at, case when reason is null then null else jsonb_build_object('reason', reason) end from matched
        on conflict (receipt_id) do nothing
        returning receipt_id, message_id, type, at, meta
      ), agg as (
        select message_id,
          min(at) filter (where type = 'delivered') as d_at,
          min(at) filter (where type = 'opened') as o_at,
          min(at) filter (where type = 'clicked') as c_at,
          min(at) filter (where type = 'failed') as f_at,
          max(meta ->> 'reason') filter (where type = 'failed') as f_reason
        from ins group by message_id
      ), upd as (
        -- Engagement lives in timestamps only: those updates touch no indexed column, so they are
        -- HOT (no index writes). Only a failed receipt changes status.
        update messages m set
          delivered_at = coalesce(m.delivered_at, agg.d_at),
          opened_at = coalesce(m.opened_at, agg.o_at),
          clicked_at = coalesce(m.clicked_at, agg.c_at),
          failed_at = case when agg.f_at is not null and m.status <> 'failed' then agg.f_at else m.failed_at end,
          failure_reason = case when agg.f_at is not null and m.status <> 'failed' then coalesce(agg.f_reason, 'failed') else m.failure_reason end,
          status = case when agg.f_at is not null then 'failed' when m.status = 'queued' then 'sent' else m.status end
        from agg where m.id = agg.message_id
        returning 1
      )
      select (select coalesce(json_agg(rid), '[]'::json) from matched) as matched,
        (select coalesce(json_agg(receipt_id), '[]'::json) from ins) as applied,
        (select count(*) from upd)::int as updated`);
    const row = rowsOf(res)[0] as Record<string, unknown>;
    return { matchedIds: jsonArray(row['matched']), appliedIds: jsonArray(row['applied']) };
  }
}

function jsonArray(v: unknown): string[] {
  const arr = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(arr) ? arr.map(String) : [];
}
