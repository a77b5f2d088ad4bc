export * from './lib/app.module';
export * from './lib/configure-app';
export * from './lib/create-app';
export * from './lib/create-worker-app';
export { closeGracefully } from './lib/graceful-shutdown';
export * from './lib/run-server';
