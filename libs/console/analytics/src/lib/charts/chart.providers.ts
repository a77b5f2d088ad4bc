import type { Provider } from '@angular/core';
import { provideEchartsCore } from 'ngx-echarts';

/**
 * ECharts for a chart component (given in its `providers`, so any page that shows one gets it).
 * The library is fetched when the first chart on the page initialises, not with the page: a
 * campaign page without a chart (a draft, nothing sent yet) never downloads it.
 */
export function provideCharts(): Provider {
  return provideEchartsCore({ echarts: () => import('./echarts-setup').then((m) => m.echarts) });
}
