import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export interface RfmCellRow {
  recency: number;
  frequency: number;
  customers: number;
  revenue: number;
}

export interface ChurnBucketRow {
  /** 0–9: churn risk in [bucket / 10, (bucket + 1) / 10), 1 in the last. */
  bucket: number;
  customers: number;
}

export interface ClvSegmentRow {
  segment: string;
  customers: number;
  withClv: number;
  totalClv: number;
  averageChurnRisk: number;
}

/** Aggregates of the customer-model scores on `customers` (written by insights runs). Aggregates only. */
@Injectable()
export class CustomerOutlookRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Scored customers per (recency score, frequency score), with their lifetime spend. */
  async rfmGrid(): Promise<RfmCellRow[]> {
    const res = await this.db.execute(sql`
      select recency_score as recency, frequency_score as frequency, count(*)::int as customers,
        coalesce(sum(total_spend), 0)::float8 as revenue
      from customers
      where scored_at is not null and recency_score is not null and frequency_score is not null
      group by 1, 2`);
    return rowsOf<Record<string, unknown>>(res).map((r) => ({
      recency: Number(r['recency']),
      frequency: Number(r['frequency']),
      customers: Number(r['customers']),
      revenue: Number(r['revenue']),
    }));
  }

  /** Scored customers per tenth of churn risk. */
  async churnBuckets(): Promise<ChurnBucketRow[]> {
    const res = await this.db.execute(sql`
      select least(9, greatest(0, floor(churn_risk * 10)))::int as bucket, count(*)::int as customers
      from customers
      where scored_at is not null and churn_risk is not null
      group by 1`);
    return rowsOf<Record<string, unknown>>(res).map((r) => ({
      bucket: Number(r['bucket']),
      customers: Number(r['customers']),
    }));
  }

  /** Predicted CLV and churn risk per RFM segment. */
  async clvBySegment(): Promise<ClvSegmentRow[]> {
    const res = await this.db.execute(sql`
      select rfm_segment as segment, count(*)::int as customers, count(predicted_clv)::int as with_clv,
        coalesce(sum(predicted_clv), 0)::float8 as total_clv, coalesce(avg(churn_risk), 0)::float8 as churn
      from customers
      where scored_at is not null and rfm_segment is not null
      group by 1`);
    return rowsOf<Record<string, unknown>>(res).map((r) => ({
      segment: String(r['segment']),
      customers: Number(r['customers']),
      withClv: Number(r['with_clv']),
      totalClv: Number(r['total_clv']),
      averageChurnRisk: Number(r['churn']),
    }));
  }

  /** When the latest run scored customers (null before the first run). */
  async scoredAt(): Promise<Date | null> {
    const [row] = rowsOf<{ at: string | Date | null }>(
      await this.db.execute(sql`select max(fitted_at) as at from insight_models`),
    );
    return row?.at ? new Date(row.at) : null;
  }
}
