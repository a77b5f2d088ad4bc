import type { DynamicModule, Type } from '@nestjs/common';
import type { AppConfig } from '@mini-crm/api/core';
import { SegmentsModule } from '@mini-crm/api/segments';

/** Domain modules of later features (customers, imports, segments, campaigns, delivery, ai, analytics). */
export function featureModules(config: AppConfig): Array<Type<unknown> | DynamicModule> {
  void config;
  return [SegmentsModule];
}
