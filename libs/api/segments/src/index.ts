export * from './lib/segments.module';
export * from './lib/segments.service';
export * from './lib/segment-snapshot.cron';
