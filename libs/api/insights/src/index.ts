export * from './lib/insights.module';
export * from './lib/insights.service';
export * from './lib/insights.config';
export * from './lib/score-customers';
export * from './lib/insights.repository';
export * from './lib/customer-summaries';
