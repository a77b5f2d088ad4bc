import { Inject, Injectable } from '@nestjs/common';
import { sql, SQL } from 'drizzle-orm';
import { rowsOf, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

/** The counters of `campaign_hourly_stats` (column names). */
export const ROLLUP_COUNTERS = [
  'sent',
  'delivered',
  'failed',
  'opens',
  'unique_opens',
  'machine_opens',
  'clicks',
  'unique_clicks',
  'machine_clicks',
  'conversions',
  'revenue',
  'unsubscribes',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

export type RollupTotals = Record<RollupCounter, number>;

/** One increment: counters to add to the campaign's hour containing `at`. */
export interface RollupDelta {
  campaignId: string;
  at: Date | string;
  deltas: Partial<Record<RollupCounter, number>>;
}

/**
 * An upsert that adds `source`'s counters to the hourly rollup, for embedding as a CTE in the
 * statement that changes the underlying rows (one statement, one commit). `source` yields
 * `campaign_id`, `at` (timestamptz) and the named counter columns; the campaign's channel is read
 * from `campaigns`. Rows are grouped and upserted in key order so concurrent writers never deadlock.
 */
export function rollupUpsert(source: SQL, counters: readonly RollupCounter[]): SQL {
  const cols = sql.raw(counters.join(', '));
  const sums = sql.raw(counters.map((c) => `sum(d.${c})`).join(', '));
  const sets = sql.raw(counters.map((c) => `${c} = s.${c} + excluded.${c}`).join(', '));
  return sql`
    insert into campaign_hourly_stats as s (campaign_id, hour, channel, ${cols})
    select d.campaign_id, date_trunc('hour', d.at), min(c.channel), ${sums}
    from (${source}) d join campaigns c on c.id = d.campaign_id
    group by d.campaign_id, date_trunc('hour', d.at)
    order by 1, 2
    on conflict (campaign_id, hour) do update set ${sets}`;
}

/** Campaign counters per hour: written by every statement that changes them, read by stats and analytics. */
@Injectable()
export class CampaignRollupRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Adds increments computed in application code (the embedded `rollupUpsert` is preferred in SQL paths). */
  async add(deltas: readonly RollupDelta[], db: DbOrTx = this.db): Promise<void> {
    if (!deltas.length) return;
    const json = JSON.stringify(
      deltas.map((d) => ({ campaign_id: d.campaignId, at: new Date(d.at).toISOString(), ...d.deltas })),
    );
    const record = sql.raw(
      ['campaign_id uuid', 'at timestamptz', ...ROLLUP_COUNTERS.map((c) => `${c} numeric`)].join(', '),
    );
    const cols = sql.raw(ROLLUP_COUNTERS.map((c) => `coalesce(${c}, 0) as ${c}`).join(', '));
    await db.execute(
      rollupUpsert(
        sql`select campaign_id, at, ${cols} from jsonb_to_recordset(${json}::jsonb) as v(${record})`,
        ROLLUP_COUNTERS,
      ),
    );
  }

  /** A campaign's counters summed over all hours. */
  async totals(campaignId: string): Promise<RollupTotals> {
    const sums = sql.raw(ROLLUP_COUNTERS.map((c) => `coalesce(sum(${c}), 0) as ${c}`).join(', '));
    const res = await this.db.execute(sql`select ${sums} from campaign_hourly_stats where campaign_id = ${campaignId}`);
    const row = rowsOf(res)[0] ?? {};
    return Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, Number(row[c] ?? 0)])) as RollupTotals;
  }
}
