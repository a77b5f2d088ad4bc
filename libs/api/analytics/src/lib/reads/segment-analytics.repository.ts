import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import type { CampaignChannel } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { countersOf, ROLLUP_SUMS, type Counters } from './analytics-counters';

export interface SegmentCountersRow {
  segmentId: string;
  name: string;
  campaigns: number;
  /** Per channel, for costs. */
  byChannel: { channel: CampaignChannel; counters: Counters }[];
}

/** Saved segments' campaign performance (rollup hours in range) and their sizes over time (snapshots). */
@Injectable()
export class SegmentAnalyticsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Every saved (not archived) segment, with its campaigns' counters in [from, to) per channel. */
  async performance(from: Date, to: Date): Promise<SegmentCountersRow[]> {
    const res = await this.db.execute(sql`
      with per as (
        select c.segment_id, s.channel, count(distinct s.campaign_id)::int as campaigns, ${ROLLUP_SUMS}
        from campaign_hourly_stats s join campaigns c on c.id = s.campaign_id
        where s.hour >= ${from.toISOString()}::timestamptz and s.hour < ${to.toISOString()}::timestamptz
        group by c.segment_id, s.channel
      )
      select sg.id as sid, sg.name, per.*
      from segments sg left join per on per.segment_id = sg.id
      where sg.archived_at is null
      order by sg.name, sg.id`);
    const out = new Map<string, SegmentCountersRow>();
    for (const r of rowsOf(res)) {
      const id = String(r['sid']);
      let row = out.get(id);
      if (!row) {
        row = { segmentId: id, name: String(r['name']), campaigns: 0, byChannel: [] };
        out.set(id, row);
      }
      if (r['channel']) {
        row.campaigns += Number(r['campaigns']);
        row.byChannel.push({ channel: r['channel'] as CampaignChannel, counters: countersOf(r) });
      }
    }
    return [...out.values()];
  }

  /** The last snapshot size of each UTC day in [from, to), per segment. */
  async sizes(from: Date, to: Date): Promise<Map<string, { at: Date; size: number }[]>> {
    const res = await this.db.execute(sql`
      select distinct on (segment_id, date_trunc('day', at, 'UTC')) segment_id, at, size
      from segment_snapshots
      where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz
      order by segment_id, date_trunc('day', at, 'UTC'), at desc`);
    const out = new Map<string, { at: Date; size: number }[]>();
    for (const r of rowsOf(res)) {
      const id = String(r['segment_id']);
      const list = out.get(id) ?? [];
      list.push({ at: new Date(r['at'] as string), size: Number(r['size']) });
      out.set(id, list);
    }
    return out;
  }
}
