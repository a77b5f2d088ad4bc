export * from './lib/normal';
export * from './lib/proportions';
export * from './lib/holm';
export * from './lib/welch';
export * from './lib/probability-best';
export * from './lib/sample-size';
export * from './lib/compare-variants';
