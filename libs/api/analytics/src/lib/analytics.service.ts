import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type {
  AnalyticsOverviewDto,
  AnalyticsRangeQueryDto,
  CampaignLinksDto,
  CampaignPerformanceListDto,
  CampaignPerformanceQueryDto,
  CampaignTimelineDto,
  CampaignChannel,
  DateRangeQueryDto,
  SegmentPerformanceListDto,
  SourceTotalsDto,
  TimelineBucket,
} from '@mini-crm/contracts';
import { ANALYTICS_CONFIG, type AnalyticsConfig } from './analytics.config';
import { AnalyticsCache } from './analytics-cache.service';
import { addCounters, ZERO_COUNTERS, type Counters } from './reads/analytics-counters';
import { AnalyticsRepository, type GroupCounters } from './reads/analytics.repository';
import { CampaignAnalyticsRepository } from './reads/campaign-analytics.repository';
import { SegmentAnalyticsRepository } from './reads/segment-analytics.repository';
import { bucketStarts, previousRange, resolveRange, type DateRange } from './reads/date-range.util';
import { costOf, toPoint, toTotals } from './reads/totals.util';

const TWO_DAYS_MS = 2 * 86_400_000;

/** Every analytics answer, from the rollups (and raw rows for minute timelines and links), cached briefly. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly overviewRepo: AnalyticsRepository,
    private readonly campaignRepo: CampaignAnalyticsRepository,
    private readonly segmentRepo: SegmentAnalyticsRepository,
    private readonly cache: AnalyticsCache,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConfig,
  ) {}

  overview(q: AnalyticsRangeQueryDto): Promise<AnalyticsOverviewDto> {
    const range = resolveRange(q);
    const channel = q.channel ?? null;
    return this.cache.get(['overview', range, channel], () => this.computeOverview(range, channel));
  }

  private async computeOverview(range: DateRange, channel: CampaignChannel | null): Promise<AnalyticsOverviewDto> {
    const prev = previousRange(range);
    const unit = range.to.getTime() - range.from.getTime() <= TWO_DAYS_MS ? 'hour' : 'day';
    const [current, previous, series] = await Promise.all([
      this.overviewRepo.totals(range.from, range.to, channel),
      this.overviewRepo.totals(prev.from, prev.to, channel),
      this.overviewRepo.series(range.from, range.to, channel, unit),
    ]);
    const byBucket = new Map(series.map((s) => [s.at.getTime(), s.counters]));
    const channels = [...new Set(current.map((g) => g.channel))].sort();
    const sources: ('ai' | 'manual')[] = ['ai', 'manual'];
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      channel,
      currency: this.config.currency,
      current: this.totalsOf(current),
      previous: this.totalsOf(previous),
      byChannel: channels.map((ch) => ({
        channel: ch,
        totals: this.totalsOf(current.filter((g) => g.channel === ch)),
      })),
      bySource: sources.map(
        (source): SourceTotalsDto => ({
          source,
          campaigns: current.filter((g) => g.source === source).reduce((n, g) => n + g.campaigns, 0),
          totals: this.totalsOf(current.filter((g) => g.source === source)),
        }),
      ),
      bucket: unit,
      series: bucketStarts(range, unit).map((at) => toPoint(at, byBucket.get(at.getTime()) ?? ZERO_COUNTERS)),
    };
  }

  async timeline(id: string, bucket: TimelineBucket = 'hour'): Promise<CampaignTimelineDto> {
    await this.requireCampaign(id);
    return this.cache.get(['timeline', id, bucket], async () => {
      const rows =
        bucket === 'minute'
          ? await this.campaignRepo.timelineFromRows(id, 'minute')
          : await this.campaignRepo.timelineFromRollup(id, bucket);
      return { campaignId: id, bucket, points: rows.map((r) => toPoint(r.at, r.counters)) };
    });
  }

  async links(id: string): Promise<CampaignLinksDto> {
    await this.requireCampaign(id);
    return this.cache.get(['links', id], async () => ({ campaignId: id, items: await this.campaignRepo.links(id) }));
  }

  campaigns(q: CampaignPerformanceQueryDto): Promise<CampaignPerformanceListDto> {
    const range = resolveRange(q);
    const channel = q.channel ?? null;
    const sort = q.sort ?? 'sent';
    const limit = q.limit ?? 50;
    return this.cache.get(['campaigns', range, channel, sort, limit], async () => {
      const rows = await this.campaignRepo.performance(range.from, range.to, channel, sort, limit);
      return {
        items: rows.map((r) => ({
          campaignId: r.campaignId,
          name: r.name,
          channel: r.channel,
          status: r.status,
          segmentId: r.segmentId,
          segmentName: r.segmentName,
          messageSource: r.messageSource,
          startedAt: r.startedAt?.toISOString() ?? null,
          totals: toTotals(r.counters, costOf([{ channel: r.channel, counters: r.counters }], this.config)),
        })),
      };
    });
  }

  segments(q: DateRangeQueryDto): Promise<SegmentPerformanceListDto> {
    const range = resolveRange(q);
    return this.cache.get(['segments', range], async () => {
      const [rows, sizes] = await Promise.all([
        this.segmentRepo.performance(range.from, range.to),
        this.segmentRepo.sizes(range.from, range.to),
      ]);
      return {
        items: rows.map((r) => {
          const c = r.byChannel.reduce<Counters>((acc, p) => addCounters(acc, p.counters), ZERO_COUNTERS);
          const t = toTotals(c, null);
          const recipients = c.sent + c.failed;
          return {
            segmentId: r.segmentId,
            name: r.name,
            campaigns: r.campaigns,
            recipients,
            deliveryRate: t.deliveryRate,
            openRate: t.openRate,
            clickRate: t.clickRate,
            conversionRate: t.conversionRate,
            revenue: t.revenue,
            revenuePerRecipient: recipients > 0 ? Math.round((c.revenue / recipients) * 100) / 100 : null,
            sizes: (sizes.get(r.segmentId) ?? []).map((s) => ({ at: s.at.toISOString(), size: s.size })),
          };
        }),
      };
    });
  }

  private totalsOf(groups: readonly GroupCounters[]) {
    const c = groups.reduce<Counters>((acc, g) => addCounters(acc, g.counters), ZERO_COUNTERS);
    return toTotals(c, costOf(groups, this.config));
  }

  private async requireCampaign(id: string): Promise<void> {
    if (!(await this.campaignRepo.exists(id))) throw new NotFoundException(`Campaign ${id} not found`);
  }
}
