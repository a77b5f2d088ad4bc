import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { OptionsChartComponent } from './options-chart.component';
import { type RateGroup, type RateKey, rateBarsOptions } from './chart-options.util';

/** Rates side by side for a few groups (channels; AI vs hand-written). */
@Component({
  selector: 'crm-rate-bars-chart',
  imports: [OptionsChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<crm-options-chart [options]="options()" [height]="height()" />`,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class RateBarsChartComponent {
  readonly groups = input.required<readonly RateGroup[]>();
  readonly rates = input<readonly RateKey[]>(['deliveryRate', 'openRate', 'clickRate', 'conversionRate']);
  readonly height = input(260);

  protected readonly options = computed(() => rateBarsOptions(this.groups(), this.rates()));
}
