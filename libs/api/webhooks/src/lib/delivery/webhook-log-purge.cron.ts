import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock, CronLock } from '@mini-crm/api/core';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from '../webhooks.config';
import { WebhookMessagesRepository } from './webhook-messages.repository';

/**
 * Hourly: deletes settled webhook events older than WEBHOOK_LOG_RETENTION_DAYS with their delivery
 * log, so the log does not grow without end. Every process fires it; one takes the hour (CronLock).
 */
@Injectable()
export class WebhookLogPurgeCron {
  private readonly logger = new Logger('WebhookLogPurge');

  constructor(
    private readonly messages: WebhookMessagesRepository,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly clock: Clock,
    private readonly lock: CronLock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'webhook-log-purge' })
  scheduled(): Promise<number | null> {
    return this.lock.once('webhook-log-purge', 3600_000, () => this.run(), this.clock.now().getTime());
  }

  async run(): Promise<number> {
    const deleted = await this.messages.deleteSettledBefore(
      new Date(this.clock.now().getTime() - this.config.logRetentionMs),
    );
    if (deleted) this.logger.log(`deleted ${deleted} settled webhook events older than the retention period`);
    return deleted;
  }
}
