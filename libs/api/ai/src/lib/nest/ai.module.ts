import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@mini-crm/api/core';
import { SegmentsModule } from '@mini-crm/api/segments';
import { CampaignsModule } from '@mini-crm/api/campaigns';
import { AiAnswerCache } from './ai-answer-cache.service';
import { AI_SETTINGS, AiProviderChain, createProviderChain } from './ai-provider-chain.service';
import { AiRateLimitGuard } from './ai-rate-limit.guard';
import { readAiSettings, type AiSettings } from './ai-settings.util';
import { AiController } from './ai.controller';
import { AiService } from './ai.service';

/** AI message suggestions and natural-language segments (Gemini, or the offline provider without a key). */
@Module({
  imports: [SegmentsModule, CampaignsModule],
  controllers: [AiController],
  providers: [
    { provide: AI_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => readAiSettings(config.env) },
    {
      provide: AiProviderChain,
      inject: [AI_SETTINGS],
      useFactory: (settings: AiSettings) => createProviderChain(settings, new Logger('Ai')),
    },
    AiAnswerCache,
    AiRateLimitGuard,
    AiService,
  ],
  exports: [AiService],
})
export class AiModule {}
