import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queues, WEBHOOK_DELIVERY_QUEUE } from '@mini-crm/api/core';
import { WebhookDeliveryProcessor } from './delivery/webhook-delivery.processor';
import { WEBHOOKS_CONFIG, WebhooksConfig } from './webhooks.config';

/** The delivery worker of this process (none where queues are not consumed). */
@Injectable()
export class WebhookWorkersService implements OnApplicationBootstrap {
  constructor(
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly queues: Queues,
    private readonly processor: WebhookDeliveryProcessor,
  ) {}

  onApplicationBootstrap(): void {
    // A job's lock outlives one attempt (timeout + bookkeeping); a killed worker's attempt runs again.
    this.queues.consume(WEBHOOK_DELIVERY_QUEUE, (job) => this.processor.process(job), {
      concurrency: this.config.concurrency,
      lockDuration: this.config.timeoutMs + 30_000,
    });
  }
}
