import type { Provider } from '@angular/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { provideEchartsCore } from 'ngx-echarts';

// Only what our charts draw, so the lazy chunks that hold charts stay small.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, CanvasRenderer]);

/** ECharts for a chart component (given in its `providers`, so any page that shows one gets it). */
export function provideCharts(): Provider {
  return provideEchartsCore({ echarts });
}
