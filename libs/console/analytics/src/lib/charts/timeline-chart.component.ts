import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TimelineBucket, TimelinePointDto } from '@mini-crm/contracts';
import { OptionsChartComponent } from './options-chart.component';
import { type TimelineSeriesKey, timelineOptions } from './chart-options.util';

/** Counts over time (sent, delivered, opened, clicked, converted…) as lines. */
@Component({
  selector: 'crm-timeline-chart',
  imports: [OptionsChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<crm-options-chart [options]="options()" [height]="height()" />`,
  styles: `
    :host {
      display: block;
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
