export * from './lib/delivery.module';
export * from './lib/delivery.config';
export * from './lib/queue/delivery-queue.service';
export * from './lib/queue/delivery-workers.service';
export * from './lib/vendor/vendor.client';
export * from './lib/vendor/vendor.errors';
export * from './lib/window/sending-window.config';
