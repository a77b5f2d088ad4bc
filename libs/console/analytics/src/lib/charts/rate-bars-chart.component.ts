import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { provideCharts } from './chart.providers';
import { type RateGroup, type RateKey, rateBarsOptions } from './chart-options.util';

/** Rates side by side for a few groups (channels; AI vs hand-written). */
@Component({
  selector: 'crm-rate-bars-chart',
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
export class RateBarsChartComponent {
  readonly groups = input.required<readonly RateGroup[]>();
  readonly rates = input<readonly RateKey[]>(['deliveryRate', 'openRate', 'clickRate', 'conversionRate']);
  readonly height = input(260);

  protected readonly options = computed(() => rateBarsOptions(this.groups(), this.rates()));
}
