import { DynamicModule, Global, Module } from '@nestjs/common';
import { ORDERS_BOOKED_LISTENER } from '@mini-crm/api/customers';
import type { AppConfig } from '@mini-crm/api/core';
import { InsightsController } from './http/insights.controller';
import { INSIGHTS_CONFIG, loadInsightsConfig } from './insights.config';
import { InsightsConsumer } from './insights.consumer';
import { InsightsRepository } from './insights.repository';
import { InsightsService } from './insights.service';

/**
 * Customer insights: RFM, BG/NBD and Gamma-Gamma fitted and written back as customer scores. Global so
 * that order booking (customers, imports) finds the ORDERS_BOOKED_LISTENER port without importing it.
 */
@Global()
@Module({})
export class InsightsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InsightsModule,
      controllers: [InsightsController],
      providers: [
        { provide: INSIGHTS_CONFIG, useValue: loadInsightsConfig(config) },
        InsightsRepository,
        InsightsService,
        InsightsConsumer,
        { provide: ORDERS_BOOKED_LISTENER, useExisting: InsightsService },
      ],
      exports: [InsightsService, ORDERS_BOOKED_LISTENER],
    };
  }
}
