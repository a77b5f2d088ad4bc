import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { provideCharts } from './chart.providers';

/** A chart from a ready ECharts option (built by a pure options function); ECharts loads lazily. */
@Component({
  selector: 'crm-options-chart',
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
export class OptionsChartComponent {
  readonly options = input.required<Record<string, unknown>>();
  readonly height = input(280);
}
