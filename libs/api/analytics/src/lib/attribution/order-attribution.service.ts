import { Inject, Injectable } from '@nestjs/common';
import type { DbOrTx } from '@mini-crm/db';
import type { OrderAttribution } from '@mini-crm/api/customers';
import { ANALYTICS_CONFIG, type AnalyticsConfig } from '../analytics.config';
import { AnalyticsCache } from '../analytics-cache.service';
import { AttributionRepository } from './attribution.repository';

/** The ORDER_ATTRIBUTION port: order booking (API and imports) calls it in its transaction. */
@Injectable()
export class OrderAttributionService implements OrderAttribution {
  constructor(
    private readonly repo: AttributionRepository,
    private readonly cache: AnalyticsCache,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConfig,
  ) {}

  async attribute(db: DbOrTx, orderIds: readonly string[]): Promise<void> {
    const n = await this.repo.attribute(db, orderIds, this.config.attributionWindowDays);
    if (n > 0) await this.cache.invalidate();
  }
}
