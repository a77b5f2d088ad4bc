export * from './lib/imports.routes';
export * from './lib/data/imports-api.service';
export * from './lib/data/import-progress.service';
export * from './lib/format/import-format.util';
