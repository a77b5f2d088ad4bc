export * from './lib/analytics.module';
export * from './lib/analytics.config';
export * from './lib/analytics.service';
