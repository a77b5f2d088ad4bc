export * from './lib/webhooks.module';
export * from './lib/webhooks.config';
export * from './lib/security/endpoint-address';
export * from './lib/delivery/webhook-sender';
