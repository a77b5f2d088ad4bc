import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AnalyticsApiService, TimelineChartComponent, type TimelineSeriesKey } from '@mini-crm/console/analytics';
import { ErrorBannerComponent, latestValue } from '@mini-crm/console/ui';
import { TIMELINE_BUCKETS, type CampaignChannel, type TimelineBucket } from '@mini-crm/contracts';

const BUCKET_LABELS: Record<TimelineBucket, string> = { minute: 'Minute', hour: 'Hour', day: 'Day' };

/** The campaign's sent → converted counts over time, per minute, hour or day. */
@Component({
  selector: 'crm-campaign-timeline',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    TimelineChartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <h2>Engagement over time</h2>
      <mat-button-toggle-group
        hideSingleSelectionIndicator
        aria-label="Bucket"
        [value]="bucket()"
        (change)="bucket.set($event.value)"
        data-testid="timeline-bucket"
      >
        @for (b of buckets; track b) {
          <mat-button-toggle [value]="b" [attr.data-testid]="'timeline-bucket-' + b">{{ labels[b] }}</mat-button-toggle>
        }
      </mat-button-toggle-group>
    </div>
    @if (timeline.loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (timeline.error(); as message) {
      <crm-error-banner [message]="message" (retry)="timeline.reload()" />
    }
    @if (timeline.value(); as t) {
      @if (t.points.length) {
        <crm-timeline-chart
          [points]="t.points"
          [bucket]="t.bucket"
          [keys]="keys()"
          data-testid="campaign-timeline-chart"
        />
      } @else {
        <p class="muted">Nothing sent yet: the chart fills in as messages go out and people engage.</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      margin-bottom: 8px;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    mat-button-toggle-group {
      --mat-standard-button-toggle-height: 32px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CampaignTimelineComponent {
  private readonly api = inject(AnalyticsApiService);

  readonly campaignId = input.required<string>();
  readonly channel = input<CampaignChannel>('sms');
  readonly version = input(0);

  protected readonly buckets = TIMELINE_BUCKETS;
  protected readonly labels = BUCKET_LABELS;
  protected readonly bucket = signal<TimelineBucket>('hour');
  protected readonly keys = computed<TimelineSeriesKey[]>(() =>
    this.channel() === 'email'
      ? ['sent', 'delivered', 'opened', 'clicked', 'converted']
      : ['sent', 'delivered', 'clicked', 'converted'],
  );
  protected readonly timeline = latestValue((q: { id: string; bucket: TimelineBucket }) =>
    this.api.campaignTimeline(q.id, q.bucket),
  );

  constructor() {
    effect(() => {
      const q = { id: this.campaignId(), bucket: this.bucket() };
      this.version();
      untracked(() => this.timeline.load(q));
    });
  }
}
