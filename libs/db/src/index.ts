export * from './lib/schema';
export * from './lib/database';
export * from './lib/transaction';
export * from './lib/rows';
export * from './lib/pg-error';
export * from './lib/open-database';
export * from './lib/migrate';
export * from './lib/uuid';
