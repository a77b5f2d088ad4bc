import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import type { EngagementFilter } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { displayStatus } from '../messages/message-log.repository';
import { engagementFilter } from './engagement-filter.util';

export interface CampaignLinkRow {
  id: number;
  url: string;
  campaignName: string;
}

/** Columns of the recipients CSV, in header order (every value as text). */
export const RECIPIENT_EXPORT_HEADERS = [
  'customer_id',
  'first_name',
  'last_name',
  'recipient',
  'status',
  'sent_at',
  'delivered_at',
  'opened_at',
  'clicked_at',
  'converted',
  'revenue',
] as const;

export type RecipientExportRow = Record<(typeof RECIPIENT_EXPORT_HEADERS)[number], string | null> & {
  seq: number;
  id: string;
};

export interface CustomerEngagementRow {
  campaign_id: string;
  campaign_name: string;
  channel: string;
  status: string;
  sent_at: Date | string | null;
  delivered_at: Date | string | null;
  opened_at: Date | string | null;
  clicked_at: Date | string | null;
  converted_at: Date | string | null;
  revenue: string | null;
}

const isoText = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Engagement reads of campaigns: tracked links, recipients by engagement, a customer's campaigns. */
@Injectable()
export class CampaignEngagementRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** A tracked link of the campaign, with the campaign's name; null when either is unknown or they do not belong together. */
  async findLink(campaignId: string, linkId: number): Promise<CampaignLinkRow | null> {
    const res = await this.db.execute(sql`
      select l.id, l.url, c.name as "campaignName"
      from campaign_links l join campaigns c on c.id = l.campaign_id
      where l.id = ${linkId}::integer and l.campaign_id = ${campaignId}::uuid`);
    const row = rowsOf(res)[0];
    return row ? { id: Number(row['id']), url: String(row['url']), campaignName: String(row['campaignName']) } : null;
  }

  /** One batch of a campaign's recipients (CSV columns as text) in send order, after (seq, id). */
  async recipientsBatch(
    campaignId: string,
    filter: EngagementFilter | undefined,
    after: [number, string] | null,
    limit: number,
  ): Promise<RecipientExportRow[]> {
    const res = await this.db.execute(sql`
      select messages.seq, messages.id, messages.customer_id::text as customer_id,
        customers.first_name, customers.last_name, messages.recipient, ${displayStatus} as status,
        ${isoText('messages.sent_at')} as sent_at, ${isoText('messages.delivered_at')} as delivered_at,
        ${isoText('messages.opened_at')} as opened_at, ${isoText('messages.clicked_at')} as clicked_at,
        (cv.n > 0)::text as converted, coalesce(cv.revenue, 0)::numeric(14, 2)::text as revenue
      from messages
      join customers on customers.id = messages.customer_id
      cross join lateral (
        select count(*) as n, sum(revenue) as revenue from conversions where conversions.message_id = messages.id
      ) cv
      where messages.campaign_id = ${campaignId}::uuid
        ${filter ? sql`and ${engagementFilter(filter)}` : sql``}
        ${after ? sql`and (messages.seq, messages.id) > (${after[0]}::integer, ${after[1]}::uuid)` : sql``}
      order by messages.seq, messages.id
      limit ${limit}`);
    return rowsOf(res) as RecipientExportRow[];
  }

  /**
   * Every campaign message of the customer that left the queue (sent or failed), newest first, with
   * its first conversion time and attributed revenue.
   */
  async forCustomer(customerId: string, limit: number): Promise<CustomerEngagementRow[]> {
    const res = await this.db.execute(sql`
      select messages.campaign_id, campaigns.name as campaign_name, campaigns.channel, ${displayStatus} as status,
        messages.sent_at, messages.delivered_at, messages.opened_at, messages.clicked_at,
        cv.converted_at, cv.revenue::text as revenue
      from messages
      join campaigns on campaigns.id = messages.campaign_id
      cross join lateral (
        select min(ordered_at) as converted_at, coalesce(sum(revenue), 0) as revenue
        from conversions where conversions.message_id = messages.id
      ) cv
      where messages.customer_id = ${customerId}::uuid and messages.status <> 'queued'
      order by coalesce(messages.sent_at, messages.failed_at, messages.queued_at) desc, messages.id desc
      limit ${limit}`);
    return rowsOf<CustomerEngagementRow>(res);
  }
}
