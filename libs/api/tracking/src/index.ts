export * from './lib/tracking.module';
export * from './lib/tracking.config';
export * from './lib/tracking.controller';
export * from './lib/hit-stream';
export * from './lib/hit-consumer.service';
export * from './lib/machine-rules.util';
