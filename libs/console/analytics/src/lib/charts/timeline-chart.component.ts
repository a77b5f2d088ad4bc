import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TimelineBucket, TimelinePointDto } from '@mini-crm/contracts';
import { NgxEchartsDirective } from 'ngx-echarts';
import { provideCharts } from './chart.providers';
import { type TimelineSeriesKey, timelineOptions } from './chart-options.util';

/** Counts over time (sent, delivered, opened, clicked, converted…) as lines. */
@Component({
  selector: 'crm-timeline-chart',
  imports: [NgxEchartsDirective],
  providers: [provideCharts()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div echarts class="chart" [options]="options()" [style.height.px]="height()"></div>`,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
    }
  `,
})
export class TimelineChartComponent {
  readonly points = input.required<readonly TimelinePointDto[]>();
  readonly bucket = input<TimelineBucket>('day');
  readonly keys = input<readonly TimelineSeriesKey[]>(['sent', 'delivered', 'opened', 'clicked', 'converted']);
  readonly height = input(300);

  protected readonly options = computed(() => timelineOptions(this.points(), this.bucket(), this.keys()));
}
