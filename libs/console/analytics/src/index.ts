export * from './lib/analytics.routes';
export * from './lib/data/analytics-api.service';
export * from './lib/charts/timeline-chart.component';
export * from './lib/charts/chart-options.util';
