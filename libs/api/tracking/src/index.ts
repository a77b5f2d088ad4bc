export * from './lib/tracking.module';
export * from './lib/tracking.config';
export * from './lib/tracking-routes';
export * from './lib/tracking-openapi';
export * from './lib/hit-stream';
export * from './lib/hit-consumer.service';
export * from './lib/machine-rules.util';
export type { TrackingLimits, HitRefused } from './lib/hit-limits';
