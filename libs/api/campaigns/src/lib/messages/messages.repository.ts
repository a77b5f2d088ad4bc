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

/** The rollup counters that message outcomes and receipts move. */
export const DELIVERY_COUNTERS = ['sent', 'delivered', 'failed'] as const;

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
}
