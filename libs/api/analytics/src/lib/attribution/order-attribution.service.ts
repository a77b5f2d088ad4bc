import { Inject, Injectable } from '@nestjs/common';
import { afterCommit, type DbOrTx } from '@mini-crm/db';
import { WebhookEvents } from '@mini-crm/api/core';
import type { OrderAttribution } from '@mini-crm/api/customers';
import { ANALYTICS_CONFIG, type AnalyticsConfig } from '../analytics.config';
import { AnalyticsCache } from '../analytics-cache.service';
import { AttributionRepository } from './attribution.repository';

/**
 * The ORDER_ATTRIBUTION port: order booking (API and imports) calls it in its transaction. Once that
 * commits, cached analytics are dropped and `order.attributed` webhooks published (never for a rollback).
 */
@Injectable()
export class OrderAttributionService implements OrderAttribution {
  constructor(
    private readonly repo: AttributionRepository,
    private readonly cache: AnalyticsCache,
    private readonly webhooks: WebhookEvents,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConfig,
  ) {}

  async attribute(db: DbOrTx, orderIds: readonly string[]): Promise<void> {
    const attributed = await this.repo.attribute(db, orderIds, this.config.attributionWindowDays);
    if (!attributed.length) return;
    await afterCommit(db, async () => {
      await this.cache.invalidate();
      await this.webhooks.publishItems('order.attributed', attributed);
    });
  }
}
