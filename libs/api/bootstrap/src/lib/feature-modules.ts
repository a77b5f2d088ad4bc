import type { DynamicModule, Type } from '@nestjs/common';
import type { AppConfig } from '@mini-crm/api/core';
import { SegmentsModule } from '@mini-crm/api/segments';
import { AiModule } from '@mini-crm/api/ai';
import { CampaignsModule } from '@mini-crm/api/campaigns';
import { DeliveryModule } from '@mini-crm/api/delivery';
import { CustomersModule } from '@mini-crm/api/customers';
import { ImportsModule } from '@mini-crm/api/imports';
import { TrackingModule } from '@mini-crm/api/tracking';
import { AnalyticsModule } from '@mini-crm/api/analytics';
import { WebhooksModule } from '@mini-crm/api/webhooks';
import { InsightsModule } from '@mini-crm/api/insights';

/** Domain modules of later features (customers, imports, segments, campaigns, delivery, ai, tracking, analytics, webhooks, insights). */
export function featureModules(config: AppConfig): Array<Type<unknown> | DynamicModule> {
  return [
    CustomersModule,
    ImportsModule,
    SegmentsModule,
    AiModule,
    CampaignsModule,
    DeliveryModule.forRoot(config),
    TrackingModule.forRoot(config),
    AnalyticsModule.forRoot(config),
    WebhooksModule.forRoot(config),
    InsightsModule.forRoot(config),
  ];
}
