// Pure helpers (no Angular): importable from unit-tested utils of other console libs without the runtime.
export * from './lib/format/display-settings';
export * from './lib/format/money.util';
export * from './lib/format/date.util';
export * from './lib/format/metrics.util';
export * from './lib/format/count-noun.util';
export * from './lib/format/code-label.util';
export * from './lib/csv/csv.util';
export * from './lib/csv/content-disposition.util';
export * from './lib/paged-list/sort-rows.util';
