import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@mini-crm/api/core';
import { WebhookDeliveryProcessor } from './delivery/webhook-delivery.processor';
import { WebhookLogPurgeCron } from './delivery/webhook-log-purge.cron';
import { WebhookMessagesRepository } from './delivery/webhook-messages.repository';
import { WebhookEndpointsRepository } from './endpoints/webhook-endpoints.repository';
import { WebhooksService } from './endpoints/webhooks.service';
import { EventFanoutService } from './events/event-fanout.service';
import { WebhooksController } from './http/webhooks.controller';
import { WebhookWorkersService } from './webhook-workers.service';
import { loadWebhooksConfig, WEBHOOKS_CONFIG } from './webhooks.config';

/**
 * Outgoing webhooks: admins subscribe endpoints; events the domain libs publish (WebhookEvents in
 * api/core, a Redis stream) fan out to them and go out signed per Standard Webhooks through the
 * webhook-delivery queue, with retries, a delivery log and automatic disabling.
 */
@Module({})
export class WebhooksModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        { provide: WEBHOOKS_CONFIG, useValue: loadWebhooksConfig(config) },
        WebhookEndpointsRepository,
        WebhookMessagesRepository,
        WebhookDeliveryProcessor,
        WebhooksService,
        EventFanoutService,
        WebhookWorkersService,
        WebhookLogPurgeCron,
      ],
      exports: [WEBHOOKS_CONFIG],
    };
  }
}
