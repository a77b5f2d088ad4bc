import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@mini-crm/api/core';
import { CampaignsModule } from '@mini-crm/api/campaigns';
import { EngagementRepository } from './engagement.repository';
import { HitConsumerService } from './hit-consumer.service';
import { HitRecorderService } from './hit-recorder.service';
import { LinkCacheService } from './link-cache.service';
import { loadTrackingConfig, TRACKING_CONFIG } from './tracking.config';
import { TrackingController } from './tracking.controller';

/**
 * Tracking: the public `/r/<code>` redirect and `/o/<code>.gif` pixel (outside `/api`), the hit
 * stream, and its consumer writing engagement_events. `forRoot` reads the settings at once.
 */
@Module({})
export class TrackingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TrackingModule,
      imports: [CampaignsModule],
      controllers: [TrackingController],
      providers: [
        { provide: TRACKING_CONFIG, useValue: loadTrackingConfig(config) },
        EngagementRepository,
        HitRecorderService,
        HitConsumerService,
        LinkCacheService,
      ],
      exports: [TRACKING_CONFIG, HitConsumerService],
    };
  }
}

/** Routes served outside the `/api` prefix (the global prefix excludes them). */
export const TRACKING_ROUTES = [
  { path: 'r/:code', method: 'GET' },
  { path: 'o/:file', method: 'GET' },
] as const;
