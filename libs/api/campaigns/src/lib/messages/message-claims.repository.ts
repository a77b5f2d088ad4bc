import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import type { CampaignChannel } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { tokenSelectList } from '../template/token-columns.util';
import type { QueuedMessageRow } from './messages.repository';

const consentColumn = (channel: CampaignChannel) =>
  channel === 'sms' ? sql`customers.sms_status` : sql`customers.email_status`;

/** Who claims: a send job (the same id on its retries and stalled re-runs, so those take their own rows back). */
export interface ClaimOwner {
  owner: string;
  /** How long the claim holds if its job dies before recording the outcome. */
  leaseMs: number;
}

/**
 * Send jobs claim the queued messages they are about to send. Two jobs over the same seq range (a
 * resume or a re-dispatch while the first still waits on the provider) would otherwise both read the
 * rows as `queued` and both send them; a claimed row is left to its job until the job records the
 * outcome, releases it, or its lease runs out (the job died).
 */
@Injectable()
export class MessageClaimsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * Claims the due queued messages of a seq range (not waiting for a sending window, `send_after`
   * null, and not held by another live job) and answers them with what rendering needs. With
   * `zoneHints` each row also carries what its recipient's time zone is derived from (`zone_tz`: the
   * `timezone` attribute, `zone_country`, `zone_phone`).
   */
  async claimInRange(
    campaignId: string,
    channel: CampaignChannel,
    fromSeq: number,
    toSeq: number,
    tokens: readonly string[],
    claim: ClaimOwner,
    zoneHints = false,
  ): Promise<QueuedMessageRow[]> {
    const hints = zoneHints
      ? sql`, customers.attributes ->> 'timezone' as zone_tz, customers.country as zone_country, customers.phone as zone_phone`
      : sql``;
    // The seq range alone picks the rows (messages_campaign_seq_idx); filtering status afterwards
    // keeps the planner off the status index, which early in a campaign matches every row. A row
    // another job claims at the same moment is re-checked after its lock: only one job gets it.
    const res = await this.db.execute(sql`
      with r as materialized (
        select id from messages where campaign_id = ${campaignId} and seq between ${fromSeq} and ${toSeq}
      ), c as (
        update messages m set claimed_by = ${claim.owner},
          claimed_until = now() + ${claim.leaseMs}::int * interval '1 millisecond'
        from r
        where m.id = r.id and m.status = 'queued' and m.send_after is null
          and (m.claimed_until is null or m.claimed_until < now() or m.claimed_by = ${claim.owner})
        returning m.id, m.customer_id, m.recipient, m.variant, m.seq
      )
      select m.id, m.customer_id, m.recipient, m.variant, ${consentColumn(channel)} as consent ${tokenSelectList(tokens)} ${hints}
      from c m join customers on customers.id = m.customer_id
      order by m.seq`);
    return rowsOf(res) as QueuedMessageRow[];
  }

  /** The job is done with its range: what it claimed and left queued (not sent, deferred, paused) is free again. */
  async release(campaignId: string, fromSeq: number, toSeq: number, owner: string): Promise<void> {
    await this.db.execute(sql`
      update messages set claimed_by = null, claimed_until = null
      where campaign_id = ${campaignId} and seq between ${fromSeq} and ${toSeq}
        and claimed_by = ${owner} and status = 'queued'`);
  }

  /** Queued messages wait for their sending window: each gets its `send_after` and loses its claim; status stays queued. */
  async deferUntil(items: Array<{ id: string; at: Date }>): Promise<void> {
    if (!items.length) return;
    const json = JSON.stringify(items.map((i) => ({ id: i.id, at: i.at.toISOString() })));
    await this.db.execute(sql`
      update messages m set send_after = v.at, claimed_by = null, claimed_until = null
      from jsonb_to_recordset(${json}::jsonb) as v(id uuid, at timestamptz)
      where m.id = v.id and m.status = 'queued'`);
  }
}
