export * from './lib/built-server';
export * from './lib/child-process';
export * from './lib/free-port';
export * from './lib/seeded-random';
export * from './lib/purchase-histories';
export * from './lib/redis-cluster';
