import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, ilike, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { campaigns, rowsOf, segments, segmentSnapshots, type Database, type DbOrTx } from '@mini-crm/db';
import type { SegmentCustomerDto } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { AUDIENCE_COLUMNS, EXPORT_COLUMNS, previewStatement } from './segment-sql.util';

export type SegmentRow = typeof segments.$inferSelect;

export interface PreviewRow {
  count: number;
  total: number;
  totalEstimated: boolean;
  sample: SegmentCustomerDto[];
}

export interface AudienceStatsRow {
  size: number;
  spend_p25: number | null;
  spend_median: number | null;
  spend_p75: number | null;
  spend_max: number | null;
  orders_median: number | null;
  orders_p75: number | null;
  median_days: number | null;
  share_no_orders: number | null;
  scored: number;
  churn_median: number | null;
  share_high_churn: number | null;
  clv_median: number | null;
  expected_orders_30d: number | null;
}

export interface ValueCount {
  value: string;
  count: number;
}

/** Low-cardinality customer columns whose frequent values feed the builder's autocomplete. */
export type ValueColumn = 'city' | 'country';

/**
 * Every query of the segments module. Audience queries take the compiled predicate (a WHERE over
 * `customers` without alias) and the executor to run on (usually a statement-timeout transaction).
 */
@Injectable()
export class SegmentsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  // ── audience ────────────────────────────────────────────────────────────────────────────────

  /** Count, total and a sample in one statement (see previewStatement). */
  async preview(tx: DbOrTx, predicate: SQL, sampleSize: number): Promise<PreviewRow> {
    const [row] = rowsOf<{
      count: number;
      total: number;
      totalEstimated: boolean;
      sample: SegmentCustomerDto[] | null;
    }>(await tx.execute(previewStatement(predicate, sampleSize)));
    return {
      count: Number(row.count),
      total: Number(row.total),
      totalEstimated: !!row.totalEstimated,
      sample: row.sample ?? [],
    };
  }

  async count(tx: DbOrTx, predicate: SQL): Promise<number> {
    const [row] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from customers where ${predicate}`),
    );
    return Number(row.n);
  }

  /** Keyset page over the audience ordered by id; `limit` rows at most. */
  async audiencePage(tx: DbOrTx, predicate: SQL, afterId: string | null, limit: number): Promise<SegmentCustomerDto[]> {
    const after = afterId ? sql` and id > ${afterId}::uuid` : sql``;
    return rowsOf<SegmentCustomerDto>(
      await tx.execute(
        sql`select ${AUDIENCE_COLUMNS} from customers where (${predicate})${after} order by id limit ${limit}`,
      ),
    );
  }

  /** One batch of the CSV export (all export columns, as text), keyset by id. */
  async exportBatch(
    tx: DbOrTx,
    predicate: SQL,
    afterId: string | null,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    const after = afterId ? sql` and id > ${afterId}::uuid` : sql``;
    return rowsOf<Record<string, unknown>>(
      await tx.execute(
        sql`select ${EXPORT_COLUMNS} from customers where (${predicate})${after} order by id limit ${limit}`,
      ),
    );
  }

  async audienceStats(tx: DbOrTx, predicate: SQL, now: Date, highChurnRisk: number): Promise<AudienceStatsRow> {
    const days = sql`floor(extract(epoch from (${now.toISOString()}::timestamptz - last_order_at)) / 86400)`;
    const [row] = rowsOf<AudienceStatsRow>(
      await tx.execute(sql`
        select
          count(*)::int as size,
          (percentile_cont(0.25) within group (order by total_spend))::float8 as spend_p25,
          (percentile_cont(0.5) within group (order by total_spend))::float8 as spend_median,
          (percentile_cont(0.75) within group (order by total_spend))::float8 as spend_p75,
          max(total_spend)::float8 as spend_max,
          (percentile_cont(0.5) within group (order by order_count))::float8 as orders_median,
          (percentile_cont(0.75) within group (order by order_count))::float8 as orders_p75,
          (percentile_disc(0.5) within group (order by ${days}) filter (where last_order_at is not null))::float8 as median_days,
          avg(case when order_count = 0 then 1.0 else 0.0 end)::float8 as share_no_orders,
          count(churn_risk)::int as scored,
          (percentile_cont(0.5) within group (order by churn_risk))::float8 as churn_median,
          avg(case when churn_risk > ${highChurnRisk} then 1.0 when churn_risk is not null then 0.0 end)::float8 as share_high_churn,
          (percentile_cont(0.5) within group (order by predicted_clv))::float8 as clv_median,
          sum(expected_orders_30d)::float8 as expected_orders_30d
        from customers where ${predicate}`),
    );
    return row;
  }

  /** Audience members per named RFM segment (scored customers only), largest first. */
  async rfmSegments(tx: DbOrTx, predicate: SQL): Promise<{ segment: string; count: number }[]> {
    return rowsOf<{ segment: string; count: number }>(
      await tx.execute(sql`
        select rfm_segment as segment, count(*)::int as count from customers
        where (${predicate}) and rfm_segment is not null
        group by rfm_segment order by count(*) desc, rfm_segment`),
    );
  }

  async topCities(tx: DbOrTx, predicate: SQL, limit: number): Promise<{ city: string; count: number }[]> {
    return rowsOf<{ city: string; count: number }>(
      await tx.execute(sql`
        select city, count(*)::int as count from customers
        where (${predicate}) and city is not null and city <> ''
        group by city order by count(*) desc, city limit ${limit}`),
    );
  }

  // ── field discovery (bounded by a row sample) ────────────────────────────────────────────────

  async attributeKeys(sampleRows: number, limit: number): Promise<ValueCount[]> {
    return rowsOf<ValueCount>(
      await this.db.execute(sql`
        select k as value, count(*)::int as count
        from (select attributes from customers limit ${sampleRows}) s
        cross join lateral jsonb_object_keys(case when jsonb_typeof(s.attributes) = 'object' then s.attributes else '{}'::jsonb end) k
        group by k order by count(*) desc, k limit ${limit}`),
    );
  }

  async topValues(column: ValueColumn, sampleRows: number, limit: number): Promise<ValueCount[]> {
    return rowsOf<ValueCount>(
      await this.db.execute(sql`
        select v as value, count(*)::int as count
        from (select ${sql.identifier(column)} as v from customers limit ${sampleRows}) s
        where v is not null and v <> ''
        group by v order by count(*) desc, v limit ${limit}`),
    );
  }

  async topTags(sampleRows: number, limit: number): Promise<ValueCount[]> {
    return rowsOf<ValueCount>(
      await this.db.execute(sql`
        select t as value, count(*)::int as count
        from (select tags from customers limit ${sampleRows}) s
        cross join lateral unnest(s.tags) t
        where t <> ''
        group by t order by count(*) desc, t limit ${limit}`),
    );
  }

  // ── segments ────────────────────────────────────────────────────────────────────────────────

  async findById(id: string): Promise<SegmentRow | null> {
    const [row] = await this.db.select().from(segments).where(eq(segments.id, id)).limit(1);
    return row ?? null;
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const where = exceptId ? and(eq(segments.name, name), ne(segments.id, exceptId)) : eq(segments.name, name);
    const [row] = await this.db.select({ id: segments.id }).from(segments).where(where).limit(1);
    return !!row;
  }

  /** Newest change first; keyset on (updated_at, id) with the timestamp kept at full precision as text. */
  async list(q: {
    limit: number;
    after: [string, string] | null;
    q?: string;
    includeArchived: boolean;
  }): Promise<(SegmentRow & { cursorAt: string })[]> {
    const where: SQL[] = [];
    if (!q.includeArchived) where.push(isNull(segments.archivedAt));
    if (q.q) where.push(ilike(segments.name, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`));
    if (q.after)
      where.push(sql`(${segments.updatedAt}, ${segments.id}) < (${q.after[0]}::timestamptz, ${q.after[1]}::uuid)`);
    const rows = await this.db
      .select({ segment: segments, cursorAt: sql<string>`${segments.updatedAt}::text` })
      .from(segments)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(segments.updatedAt), desc(segments.id))
      .limit(q.limit);
    return rows.map((r) => ({ ...r.segment, cursorAt: String(r.cursorAt) }));
  }

  async insert(values: typeof segments.$inferInsert, tx: DbOrTx = this.db): Promise<SegmentRow> {
    const [row] = await tx.insert(segments).values(values).returning();
    return row;
  }

  async update(
    id: string,
    patch: Partial<typeof segments.$inferInsert>,
    tx: DbOrTx = this.db,
  ): Promise<SegmentRow | null> {
    const [row] = await tx.update(segments).set(patch).where(eq(segments.id, id)).returning();
    return row ?? null;
  }

  async delete(id: string, tx: DbOrTx = this.db): Promise<boolean> {
    const rows = await tx.delete(segments).where(eq(segments.id, id)).returning({ id: segments.id });
    return rows.length > 0;
  }

  /**
   * How many campaigns reference each segment. `campaigns` belongs to the campaigns module; this
   * read-only count is the one place the segments module looks at it.
   */
  async campaignUsage(ids: string[], tx: DbOrTx = this.db): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await tx
      .select({ segmentId: campaigns.segmentId, n: sql<number>`count(*)::int` })
      .from(campaigns)
      .where(inArray(campaigns.segmentId, ids))
      .groupBy(campaigns.segmentId);
    return new Map(rows.map((r) => [r.segmentId, Number(r.n)]));
  }

  // ── snapshots ───────────────────────────────────────────────────────────────────────────────

  async insertSnapshot(segmentId: string, size: number, at: Date = new Date()): Promise<void> {
    await this.db.insert(segmentSnapshots).values({ segmentId, size, at });
  }

  /** The last `n` snapshot sizes per segment, oldest first. */
  async sizeTrends(ids: string[], n: number): Promise<Map<string, number[]>> {
    if (ids.length === 0) return new Map();
    const rows = rowsOf<{ segment_id: string; sizes: (number | string)[] | null }>(
      await this.db.execute(sql`
        select s.segment_id::text as segment_id, x.sizes
        from unnest(${sql.param(ids)}::uuid[]) as s(segment_id)
        cross join lateral (
          select array_agg(y.size order by y.at, y.id) as sizes
          from (select size, at, id from segment_snapshots where segment_id = s.segment_id order by at desc, id desc limit ${n}) y
        ) x`),
    );
    return new Map(rows.map((r) => [r.segment_id, (r.sizes ?? []).map(Number)]));
  }

  async history(segmentId: string, n: number): Promise<{ at: Date; size: number }[]> {
    const rows = await this.db
      .select({ at: segmentSnapshots.at, size: segmentSnapshots.size, id: segmentSnapshots.id })
      .from(segmentSnapshots)
      .where(eq(segmentSnapshots.segmentId, segmentId))
      .orderBy(desc(segmentSnapshots.at), desc(segmentSnapshots.id))
      .limit(n);
    return rows.reverse().map((r) => ({ at: r.at, size: r.size }));
  }

  /** Non-archived segments, optionally only those without a snapshot since `freshSince`. */
  async segmentsToSnapshot(freshSince?: Date): Promise<Pick<SegmentRow, 'id' | 'name' | 'rules'>[]> {
    const where: SQL[] = [isNull(segments.archivedAt)];
    if (freshSince) {
      where.push(
        sql`not exists (select 1 from ${segmentSnapshots} where ${segmentSnapshots.segmentId} = ${segments.id} and ${segmentSnapshots.at} >= ${freshSince.toISOString()}::timestamptz)`,
      );
    }
    return this.db
      .select({ id: segments.id, name: segments.name, rules: segments.rules })
      .from(segments)
      .where(and(...where))
      .orderBy(asc(segments.id));
  }
}
