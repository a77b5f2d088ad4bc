export * from './lib/model-fit-error';
export * from './lib/repeat-data';
export * from './lib/bg-nbd';
export * from './lib/gamma-gamma';
export * from './lib/clv';
export * from './lib/rfm';
export * from './lib/simulate';
