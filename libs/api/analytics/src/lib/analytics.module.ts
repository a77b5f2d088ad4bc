import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@mini-crm/api/core';
import { CampaignsModule } from '@mini-crm/api/campaigns';
import { ORDER_ATTRIBUTION, UNSUBSCRIBE_LISTENER } from '@mini-crm/api/customers';
import { ANALYTICS_CONFIG, loadAnalyticsConfig } from './analytics.config';
import { AnalyticsCache } from './analytics-cache.service';
import { AnalyticsService } from './analytics.service';
import { AttributionRepository } from './attribution/attribution.repository';
import { OrderAttributionService } from './attribution/order-attribution.service';
import { UnsubscribeRollupListener } from './attribution/unsubscribe-rollup.listener';
import { AnalyticsController } from './http/analytics.controller';
import { CustomerOutlookAnalyticsController } from './http/customer-outlook-analytics.controller';
import { CustomerOutlookAnalyticsService } from './customer-outlook-analytics.service';
import { CustomerOutlookRepository } from './reads/customer-outlook.repository';
import { AnalyticsRepository } from './reads/analytics.repository';
import { CampaignAnalyticsRepository } from './reads/campaign-analytics.repository';
import { SegmentAnalyticsRepository } from './reads/segment-analytics.repository';

/**
 * Analytics: conversions (attribution when orders are booked), unsubscribe counts, and the read API
 * over the hourly rollups. Global so that customers (orders, imports, consent) find the
 * ORDER_ATTRIBUTION and UNSUBSCRIBE_LISTENER ports without importing this module (no cycle).
 */
@Global()
@Module({})
export class AnalyticsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [CampaignsModule],
      controllers: [AnalyticsController, CustomerOutlookAnalyticsController],
      providers: [
        { provide: ANALYTICS_CONFIG, useValue: loadAnalyticsConfig(config) },
        AnalyticsCache,
        AnalyticsService,
        AnalyticsRepository,
        CampaignAnalyticsRepository,
        SegmentAnalyticsRepository,
        CustomerOutlookAnalyticsService,
        CustomerOutlookRepository,
        AttributionRepository,
        OrderAttributionService,
        UnsubscribeRollupListener,
        { provide: ORDER_ATTRIBUTION, useExisting: OrderAttributionService },
        { provide: UNSUBSCRIBE_LISTENER, useExisting: UnsubscribeRollupListener },
      ],
      exports: [ANALYTICS_CONFIG, ORDER_ATTRIBUTION, UNSUBSCRIBE_LISTENER, AnalyticsService],
    };
  }
}
