import { Inject, Injectable } from '@nestjs/common';
import { desc, sql } from 'drizzle-orm';
import { insightModels, rowsOf, withTransaction, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';
import { CustomerSummariesBuilder, type CustomerSummaries, type SummaryRow } from './customer-summaries';

export interface CustomerScoreRow {
  id: string;
  rfmScore: string;
  rfmSegment: string;
  recency: number;
  frequency: number;
  monetary: number;
  churnRisk: number;
  pAlive: number;
  expected30: number;
  expected90: number;
  clv: number | null;
  aov: number;
}

export type InsightModelRow = typeof insightModels.$inferSelect;
export type NewInsightModel = typeof insightModels.$inferInsert;

/** Summary rows per round trip of the cursor. */
const FETCH_ROWS = 10_000;

/** Orders that did not stick do not count as purchases. */
const NOT_PURCHASES = sql`lower(o.status) not in ('refunded', 'cancelled', 'canceled', 'failed')`;

@Injectable()
export class InsightsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * One pass over orders: orders grouped by customer and UTC day (same-day orders count once), then
   * by customer. `today` is a UTC date; orders after `now` are ignored. Rows stream through a cursor
   * (FETCH_ROWS at a time) into typed arrays, so 1M customers never sit in memory as row objects.
   */
  async summaries(now: Date, windowDays: number): Promise<CustomerSummaries> {
    const today = now.toISOString().slice(0, 10);
    return withTransaction(this.db, async (tx) => {
      // JIT compiling this plan costs seconds (≈4 s at 5M orders) and saves less than that.
      await tx.execute(sql`set local jit = off`);
      await tx.execute(sql`declare insights_summaries no scroll cursor for
        select d.customer_id as id,
          count(*) - 1 as x,
          max(d.day) - min(d.day) as tx,
          ${today}::date - min(d.day) as age,
          ${today}::date - max(d.day) as recency,
          coalesce(sum(d.orders) filter (where d.day > ${today}::date - ${windowDays}::int), 0) as frequency,
          coalesce(sum(d.amount) filter (where d.day > ${today}::date - ${windowDays}::int), 0)::float8 as monetary,
          sum(d.amount)::float8 as total,
          sum(d.orders) as orders,
          (min(array[(d.day - date '2000-01-01')::numeric, d.amount]))[2]::float8 as first_amount
        from (
          select o.customer_id, (o.ordered_at at time zone 'UTC')::date as day, count(*) as orders, sum(o.amount) as amount
          from orders o
          where o.ordered_at <= ${now.toISOString()}::timestamptz and ${NOT_PURCHASES}
          group by 1, 2
        ) d
        group by d.customer_id
        order by d.customer_id`);
      const out = new CustomerSummariesBuilder();
      for (;;) {
        const rows = rowsOf<SummaryRow>(await tx.execute(sql.raw(`fetch ${FETCH_ROWS} from insights_summaries`)));
        for (const row of rows) out.push(row);
        if (rows.length < FETCH_ROWS) break;
      }
      await tx.execute(sql`close insights_summaries`);
      return out.finish();
    });
  }

  /**
   * Writes one batch of scores stamped with the run's time: one statement, a typed array per column
   * (cheaper to send and unpack than JSON). Score columns are unindexed, so these are HOT updates.
   */
  async writeScores(rows: readonly CustomerScoreRow[], scoredAt: Date): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(pick: (r: CustomerScoreRow) => T) => sql.param(rows.map(pick));
    await this.db.execute(sql`
      update customers c set
        rfm_score = s.rfm_score, rfm_segment = s.rfm_segment,
        recency_score = s.recency, frequency_score = s.frequency, monetary_score = s.monetary,
        churn_risk = s.churn_risk, p_alive = s.p_alive,
        expected_orders_30d = s.expected30, expected_orders_90d = s.expected90,
        predicted_clv = round(s.clv::numeric, 2), avg_order_value = round(s.aov::numeric, 2),
        scored_at = ${scoredAt.toISOString()}::timestamptz
      from unnest(
        ${col((r) => r.id)}::uuid[], ${col((r) => r.rfmScore)}::text[], ${col((r) => r.rfmSegment)}::text[],
        ${col((r) => r.recency)}::int2[], ${col((r) => r.frequency)}::int2[], ${col((r) => r.monetary)}::int2[],
        ${col((r) => r.churnRisk)}::float8[], ${col((r) => r.pAlive)}::float8[],
        ${col((r) => r.expected30)}::float8[], ${col((r) => r.expected90)}::float8[],
        ${col((r) => r.clv)}::float8[], ${col((r) => r.aov)}::float8[]
      ) as s(id, rfm_score, rfm_segment, recency, frequency, monetary, churn_risk, p_alive, expected30, expected90, clv, aov)
      where c.id = s.id`);
  }

  /** Clears the scores of customers this run did not score (their orders went away). */
  async clearUnscored(scoredAt: Date): Promise<void> {
    await this.db.execute(sql`
      update customers set rfm_score = null, rfm_segment = null, recency_score = null, frequency_score = null,
        monetary_score = null, churn_risk = null, p_alive = null, expected_orders_30d = null,
        expected_orders_90d = null, predicted_clv = null, avg_order_value = null, scored_at = null
      where scored_at is not null and scored_at < ${scoredAt.toISOString()}::timestamptz`);
  }

  async saveModel(model: NewInsightModel): Promise<InsightModelRow> {
    const [row] = await this.db.insert(insightModels).values(model).returning();
    return row;
  }

  async latestModel(): Promise<InsightModelRow | null> {
    const [row] = await this.db.select().from(insightModels).orderBy(desc(insightModels.fittedAt)).limit(1);
    return row ?? null;
  }
}
