import type { DynamicModule, Type } from '@nestjs/common';
import type { AppConfig } from '@mini-crm/api/core';

/** Domain modules of later features (customers, imports, segments, campaigns, delivery, ai, analytics). */
export function featureModules(config: AppConfig): Array<Type<unknown> | DynamicModule> {
  void config;
  return [];
}
