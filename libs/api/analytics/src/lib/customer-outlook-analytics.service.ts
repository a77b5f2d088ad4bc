import { Inject, Injectable } from '@nestjs/common';
import {
  RFM_SEGMENT_VALUES,
  type ChurnDistributionDto,
  type ClvBySegmentDto,
  type RfmGridDto,
  type RfmSegmentValue,
} from '@mini-crm/contracts';
import { ANALYTICS_CONFIG, type AnalyticsConfig } from './analytics.config';
import { AnalyticsCache } from './analytics-cache.service';
import { CustomerOutlookRepository } from './reads/customer-outlook.repository';

const SCORES = [1, 2, 3, 4, 5] as const;
const BUCKETS = 10;
const cents = (n: number) => Math.round(n * 100) / 100;

/** The customer-model scores in aggregate: RFM grid, churn-risk distribution, predicted CLV per RFM segment. */
@Injectable()
export class CustomerOutlookAnalyticsService {
  constructor(
    private readonly repo: CustomerOutlookRepository,
    private readonly cache: AnalyticsCache,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConfig,
  ) {}

  rfmGrid(): Promise<RfmGridDto> {
    return this.cache.get(['outlook-rfm'], async () => {
      const [rows, scoredAt] = await Promise.all([this.repo.rfmGrid(), this.repo.scoredAt()]);
      const byCell = new Map(rows.map((r) => [`${r.recency}:${r.frequency}`, r]));
      const cells = SCORES.flatMap((recency) =>
        SCORES.map((frequency) => {
          const r = byCell.get(`${recency}:${frequency}`);
          return { recency, frequency, customers: r?.customers ?? 0, revenue: cents(r?.revenue ?? 0) };
        }),
      );
      return {
        customers: cells.reduce((n, c) => n + c.customers, 0),
        revenue: cents(rows.reduce((n, r) => n + r.revenue, 0)),
        currency: this.config.currency,
        scoredAt: scoredAt?.toISOString() ?? null,
        cells,
      };
    });
  }

  churnDistribution(): Promise<ChurnDistributionDto> {
    return this.cache.get(['outlook-churn'], async () => {
      const [rows, scoredAt] = await Promise.all([this.repo.churnBuckets(), this.repo.scoredAt()]);
      const counts = new Map(rows.map((r) => [r.bucket, r.customers]));
      const buckets = Array.from({ length: BUCKETS }, (_, i) => ({
        from: i / BUCKETS,
        to: (i + 1) / BUCKETS,
        customers: counts.get(i) ?? 0,
      }));
      return {
        customers: buckets.reduce((n, b) => n + b.customers, 0),
        scoredAt: scoredAt?.toISOString() ?? null,
        buckets,
      };
    });
  }

  clvBySegment(): Promise<ClvBySegmentDto> {
    return this.cache.get(['outlook-clv'], async () => {
      const [rows, scoredAt] = await Promise.all([this.repo.clvBySegment(), this.repo.scoredAt()]);
      const bySegment = new Map(rows.map((r) => [r.segment, r]));
      const segments = RFM_SEGMENT_VALUES.map((segment: RfmSegmentValue) => {
        const r = bySegment.get(segment);
        return {
          segment,
          customers: r?.customers ?? 0,
          withClv: r?.withClv ?? 0,
          totalClv: cents(r?.totalClv ?? 0),
          averageClv: r && r.withClv > 0 ? cents(r.totalClv / r.withClv) : null,
          averageChurnRisk: Math.round((r?.averageChurnRisk ?? 0) * 1000) / 1000,
        };
      });
      return {
        customers: segments.reduce((n, s) => n + s.customers, 0),
        currency: this.config.currency,
        scoredAt: scoredAt?.toISOString() ?? null,
        segments,
      };
    });
  }
}
