import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import {
  EmptyStateComponent,
  ErrorBannerComponent,
  FORMAT_PIPES,
  formatCount,
  latestValue,
} from '@mini-crm/console/ui';
import { OptionsChartComponent } from '../charts/options-chart.component';
import { churnHistogramOptions, clvSegmentsOptions, rfmGridOptions } from '../charts/outlook-chart-options.util';
import { AnalyticsApiService } from '../data/analytics-api.service';

/**
 * Customers as the last model run sees them, whatever the page's date range: the RFM grid, the churn-risk
 * distribution and predicted 12-month value per RFM segment. Aggregates only.
 */
@Component({
  selector: 'crm-customer-outlook-section',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    EmptyStateComponent,
    ErrorBannerComponent,
    OptionsChartComponent,
    ...FORMAT_PIPES,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './customer-outlook-section.component.html',
  styleUrl: './analytics-page.component.scss',
})
export class CustomerOutlookSectionComponent {
  private readonly api = inject(AnalyticsApiService);

  protected readonly grid = latestValue(() => this.api.rfmGrid());
  protected readonly churn = latestValue(() => this.api.churnRisk());
  protected readonly clv = latestValue(() => this.api.clvBySegment());
  protected readonly count = formatCount;

  protected readonly gridOptions = computed(() => {
    const g = this.grid.value();
    return g ? rfmGridOptions(g) : null;
  });
  protected readonly churnOptions = computed(() => {
    const c = this.churn.value();
    return c ? churnHistogramOptions(c) : null;
  });
  protected readonly clvOptions = computed(() => {
    const c = this.clv.value();
    return c ? clvSegmentsOptions(c) : null;
  });
  /** Customers above 0.7 churn risk (the red bars). */
  protected readonly atRisk = computed(() =>
    (this.churn.value()?.buckets ?? []).filter((b) => b.from >= 0.7 - 1e-9).reduce((n, b) => n + b.customers, 0),
  );

  constructor() {
    this.grid.load();
    this.churn.load();
    this.clv.load();
  }

  protected retry(): void {
    this.grid.reload();
    this.churn.reload();
    this.clv.reload();
  }
}
