export * from './lib/built-server';
export * from './lib/seeded-random';
