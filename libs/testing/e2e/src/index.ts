export * from './lib/built-server';
