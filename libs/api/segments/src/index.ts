export * from './lib/segments.module';
export * from './lib/segments.service';
export * from './lib/segment-snapshot.cron';
export { previewStatement, EXACT_TOTAL_BELOW } from './lib/segment-sql.util';
export { fileNameSlug } from './lib/segment-export.service';
