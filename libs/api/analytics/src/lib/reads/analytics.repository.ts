import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import type { CampaignChannel } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { countersOf, ROLLUP_SUMS, type Counters } from './analytics-counters';

export interface GroupCounters {
  channel: CampaignChannel;
  source: 'ai' | 'manual';
  campaigns: number;
  counters: Counters;
}

export interface BucketCounters {
  at: Date;
  counters: Counters;
}

export type SeriesUnit = 'hour' | 'day';

const channelFilter = (channel: CampaignChannel | null): SQL => (channel ? sql`and s.channel = ${channel}` : sql``);

/** Range reads over the hourly rollup (`campaign_hourly_stats`): totals by channel and message source, series. */
@Injectable()
export class AnalyticsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Counters of hours in [from, to), grouped by channel and message source (ai/manual). */
  async totals(from: Date, to: Date, channel: CampaignChannel | null): Promise<GroupCounters[]> {
    const res = await this.db.execute(sql`
      select s.channel, c.message_source as source, count(distinct s.campaign_id)::int as campaigns, ${ROLLUP_SUMS}
      from campaign_hourly_stats s join campaigns c on c.id = s.campaign_id
      where s.hour >= ${from.toISOString()}::timestamptz and s.hour < ${to.toISOString()}::timestamptz ${channelFilter(channel)}
      group by s.channel, c.message_source`);
    return rowsOf(res).map((r) => ({
      channel: r['channel'] as CampaignChannel,
      source: r['source'] === 'ai' ? 'ai' : 'manual',
      campaigns: Number(r['campaigns']),
      counters: countersOf(r),
    }));
  }

  /** Counters per UTC hour or day of [from, to) (buckets without rows are absent). */
  async series(from: Date, to: Date, channel: CampaignChannel | null, unit: SeriesUnit): Promise<BucketCounters[]> {
    const res = await this.db.execute(sql`
      select date_trunc(${unit}, s.hour, 'UTC') as at, ${ROLLUP_SUMS}
      from campaign_hourly_stats s
      where s.hour >= ${from.toISOString()}::timestamptz and s.hour < ${to.toISOString()}::timestamptz ${channelFilter(channel)}
      group by 1 order by 1`);
    return rowsOf(res).map((r) => ({ at: new Date(r['at'] as string), counters: countersOf(r) }));
  }
}
