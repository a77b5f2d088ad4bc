import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import type { CampaignChannel, TimelineBucket } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { countersOf, ROLLUP_SUMS, type Counters } from './analytics-counters';
import type { BucketCounters } from './analytics.repository';

export interface CampaignLinkRow {
  linkId: number;
  url: string;
  position: number;
  clicks: number;
  uniqueClicks: number;
  machineClicks: number;
}

export interface CampaignPerformanceRow {
  campaignId: string;
  name: string;
  channel: CampaignChannel;
  status: string;
  segmentId: string;
  segmentName: string | null;
  messageSource: 'ai' | 'manual';
  startedAt: Date | null;
  counters: Counters;
}

/** Sort keys of the per-campaign table and the SQL they order by (descending, ties by id). */
export const CAMPAIGN_SORTS: Record<string, string> = {
  sent: 'sum(s.sent)',
  delivered: 'sum(s.delivered)',
  deliveryRate: 'sum(s.delivered)::float8 / nullif(sum(s.sent) + sum(s.failed), 0)',
  openRate: 'sum(s.unique_opens)::float8 / nullif(sum(s.delivered), 0)',
  clickRate: 'sum(s.unique_clicks)::float8 / nullif(sum(s.delivered), 0)',
  conversions: 'sum(s.conversions)',
  conversionRate: 'sum(s.conversions)::float8 / nullif(sum(s.delivered), 0)',
  revenue: 'sum(s.revenue)',
  startedAt: 'c.started_at',
};

/** Reads of one campaign (timeline, links) and the per-campaign performance table. */
@Injectable()
export class CampaignAnalyticsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async exists(id: string): Promise<boolean> {
    return rowsOf(await this.db.execute(sql`select 1 from campaigns where id = ${id}`)).length > 0;
  }

  /** Hour or day buckets from the rollup. */
  async timelineFromRollup(id: string, unit: 'hour' | 'day'): Promise<BucketCounters[]> {
    const res = await this.db.execute(sql`
      select date_trunc(${unit}, s.hour, 'UTC') as at, ${ROLLUP_SUMS}
      from campaign_hourly_stats s where s.campaign_id = ${id} group by 1 order by 1`);
    return rowsOf(res).map((r) => ({ at: new Date(r['at'] as string), counters: countersOf(r) }));
  }

  /**
   * Minute buckets straight from the campaign's rows, with the rollup's meaning: sent at sent_at
   * (not queued, not failed), delivered at delivered_at (not failed), failed at failed_at, unique
   * human opens/clicks at each message's first human event, conversions at the order's time.
   */
  async timelineFromRows(id: string, unit: TimelineBucket = 'minute'): Promise<BucketCounters[]> {
    const res = await this.db.execute(sql`
      with ev as (
        select sent_at as at, 1 as sent, 0 as delivered, 0 as failed, 0 as opened, 0 as clicked, 0 as machine_opens, 0 as machine_clicks, 0 as conversions, 0::numeric as revenue
          from messages where campaign_id = ${id} and status not in ('queued', 'failed') and sent_at is not null
        union all select delivered_at, 0, 1, 0, 0, 0, 0, 0, 0, 0 from messages
          where campaign_id = ${id} and status <> 'failed' and delivered_at is not null
        union all select coalesce(failed_at, queued_at), 0, 0, 1, 0, 0, 0, 0, 0, 0 from messages
          where campaign_id = ${id} and status = 'failed'
        union all select min(at), 0, 0, 0, 1, 0, 0, 0, 0, 0 from engagement_events
          where campaign_id = ${id} and type = 'open' and not machine group by message_id
        union all select min(at), 0, 0, 0, 0, 1, 0, 0, 0, 0 from engagement_events
          where campaign_id = ${id} and type = 'click' and not machine group by message_id
        union all select at, 0, 0, 0, 0, 0, (type = 'open')::int, (type = 'click')::int, 0, 0 from engagement_events
          where campaign_id = ${id} and machine
        union all select ordered_at, 0, 0, 0, 0, 0, 0, 0, 1, revenue from conversions where campaign_id = ${id}
      )
      select date_trunc(${unit}, at, 'UTC') as at, sum(sent) as sent, sum(delivered) as delivered, sum(failed) as failed,
        sum(opened) as opened, sum(clicked) as clicked, sum(machine_opens) as machine_opens, sum(machine_clicks) as machine_clicks,
        sum(conversions) as conversions, sum(revenue) as revenue
      from ev group by 1 order by 1`);
    return rowsOf(res).map((r) => ({ at: new Date(r['at'] as string), counters: countersOf(r) }));
  }

  /** Each tracked link with human clicks (total, unique recipients) and machine clicks. */
  async links(id: string): Promise<CampaignLinkRow[]> {
    const res = await this.db.execute(sql`
      select l.id, l.url, l.position,
        count(e.id) filter (where not e.machine)::int as clicks,
        count(distinct e.message_id) filter (where not e.machine)::int as unique_clicks,
        count(e.id) filter (where e.machine)::int as machine_clicks
      from campaign_links l
      left join engagement_events e on e.link_id = l.id and e.type = 'click'
      where l.campaign_id = ${id}
      group by l.id order by l.position, l.id`);
    return rowsOf(res).map((r) => ({
      linkId: Number(r['id']),
      url: String(r['url']),
      position: Number(r['position']),
      clicks: Number(r['clicks']),
      uniqueClicks: Number(r['unique_clicks']),
      machineClicks: Number(r['machine_clicks']),
    }));
  }

  /** Campaigns with rollup activity in [from, to), sorted by `sort` (a CAMPAIGN_SORTS key) descending. */
  async performance(
    from: Date,
    to: Date,
    channel: CampaignChannel | null,
    sort: string,
    limit: number,
  ): Promise<CampaignPerformanceRow[]> {
    const order: SQL = sql.raw(`${CAMPAIGN_SORTS[sort] ?? CAMPAIGN_SORTS['sent']} desc nulls last, c.id`);
    const res = await this.db.execute(sql`
      select c.id, c.name, c.channel, c.status, c.segment_id, sg.name as segment_name, c.message_source, c.started_at, ${ROLLUP_SUMS}
      from campaign_hourly_stats s
      join campaigns c on c.id = s.campaign_id
      left join segments sg on sg.id = c.segment_id
      where s.hour >= ${from.toISOString()}::timestamptz and s.hour < ${to.toISOString()}::timestamptz
        ${channel ? sql`and s.channel = ${channel}` : sql``}
      group by c.id, sg.name
      order by ${order}
      limit ${limit}`);
    return rowsOf(res).map((r) => ({
      campaignId: String(r['id']),
      name: String(r['name']),
      channel: r['channel'] as CampaignChannel,
      status: String(r['status']),
      segmentId: String(r['segment_id']),
      segmentName: (r['segment_name'] as string | null) ?? null,
      messageSource: r['message_source'] === 'ai' ? 'ai' : 'manual',
      startedAt: r['started_at'] ? new Date(r['started_at'] as string) : null,
      counters: countersOf(r),
    }));
  }
}
