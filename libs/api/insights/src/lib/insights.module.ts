import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@mini-crm/api/core';
import { InsightsController } from './http/insights.controller';
import { INSIGHTS_CONFIG, loadInsightsConfig } from './insights.config';
import { InsightsConsumer } from './insights.consumer';
import { InsightsRepository } from './insights.repository';
import { InsightsService } from './insights.service';

/** Customer insights: RFM, BG/NBD and Gamma-Gamma fitted and written back as customer scores. */
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
      ],
      exports: [InsightsService],
    };
  }
}
