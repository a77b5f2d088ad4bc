import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import { EmptyStateComponent, ErrorBannerComponent, PageHeaderComponent, latestValue } from '@mini-crm/console/ui';
import type { Sort } from '@angular/material/sort';
import {
  CAMPAIGN_PERFORMANCE_SORTS,
  type AnalyticsRangeQueryDto,
  type CampaignChannel,
  type CampaignPerformanceQueryDto,
  type CampaignPerformanceSort,
} from '@mini-crm/contracts';
import { RateBarsChartComponent } from '../charts/rate-bars-chart.component';
import { TimelineChartComponent } from '../charts/timeline-chart.component';
import type { RateGroup } from '../charts/chart-options.util';
import { AnalyticsApiService } from '../data/analytics-api.service';
import { type DateRange, presetRange, rangeDays } from '../range/date-range.util';
import { SegmentPerformanceTableComponent } from '../tables/segment-performance-table.component';
import { TopCampaignsTableComponent } from '../tables/top-campaigns-table.component';
import { AnalyticsFiltersComponent } from './analytics-filters.component';
import { KpiCardsComponent } from './kpi-cards.component';
import { CustomerOutlookSectionComponent } from './customer-outlook-section.component';

const CHANNEL_COLORS: Record<CampaignChannel, string> = { sms: '#0061a4', email: '#00897b' };
const SOURCE_COLORS = { ai: '#7b4fc9', manual: '#8e9aaf' } as const;

/** Delivery, engagement and revenue for a period: KPIs vs the previous period, charts, campaigns and segments. */
@Component({
  selector: 'crm-analytics-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    PageHeaderComponent,
    EmptyStateComponent,
    ErrorBannerComponent,
    AnalyticsFiltersComponent,
    KpiCardsComponent,
    TimelineChartComponent,
    RateBarsChartComponent,
    TopCampaignsTableComponent,
    SegmentPerformanceTableComponent,
    CustomerOutlookSectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './analytics-page.component.html',
  styleUrl: './analytics-page.component.scss',
})
export class AnalyticsPageComponent {
  private readonly api = inject(AnalyticsApiService);
  protected readonly canWrite = inject(AuthService).canWrite;

  protected readonly range = signal<DateRange>(presetRange(30));
  protected readonly channel = signal<CampaignChannel | null>(null);
  protected readonly days = computed(() => rangeDays(this.range()));
  protected readonly fileTag = computed(() => {
    const { from, to } = this.range();
    return `${from.slice(0, 10)}-${to.slice(0, 10)}`;
  });

  protected readonly overview = latestValue((q: AnalyticsRangeQueryDto) => this.api.overview(q));
  /** The API returns the top rows by this measure; the table then orders those rows either way. */
  protected readonly campaignSort = signal<CampaignPerformanceSort>('revenue');
  protected readonly campaigns = latestValue((q: CampaignPerformanceQueryDto) => this.api.campaigns(q));
  protected readonly segments = latestValue((q: AnalyticsRangeQueryDto) => this.api.segments(q));

  /** Nothing sent in this period nor the one before: say what to do instead of drawing zeros. */
  protected readonly nothingYet = computed(() => {
    const o = this.overview.value();
    return !!o && o.current.sent + o.current.failed === 0 && o.previous.sent + o.previous.failed === 0;
  });
  protected readonly channelGroups = computed<RateGroup[]>(() =>
    (this.overview.value()?.byChannel ?? []).map((c) => ({
      name: c.channel === 'sms' ? 'SMS' : 'Email',
      color: CHANNEL_COLORS[c.channel],
      totals: c.totals,
    })),
  );
  protected readonly sourceGroups = computed<RateGroup[]>(() =>
    (this.overview.value()?.bySource ?? []).map((s) => ({
      name: `${s.source === 'ai' ? 'AI suggestion' : 'Hand-written'} (${s.campaigns})`,
      color: SOURCE_COLORS[s.source],
      totals: s.totals,
    })),
  );
  protected readonly hasAi = computed(() =>
    (this.overview.value()?.bySource ?? []).some((s) => s.source === 'ai' && s.campaigns > 0),
  );

  protected sortCampaigns(sort: Sort): void {
    const key = sort.active === 'started' ? 'startedAt' : sort.active;
    if ((CAMPAIGN_PERFORMANCE_SORTS as readonly string[]).includes(key))
      this.campaignSort.set(key as CampaignPerformanceSort);
  }

  constructor() {
    effect(() => {
      const { from, to } = this.range();
      const channel = this.channel() ?? undefined;
      untracked(() => {
        this.overview.load({ from, to, channel });
        this.segments.load({ from, to });
      });
    });
    effect(() => {
      const query = { ...this.range(), channel: this.channel() ?? undefined, sort: this.campaignSort(), limit: 50 };
      untracked(() => this.campaigns.load(query));
    });
  }
}
