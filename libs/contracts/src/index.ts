// class-transformer's @Type reads design-time metadata; load the polyfill for every consumer (API, console, tests).
import 'reflect-metadata';
export * from './lib/roles';
export * from './lib/segments/segment-rule';
export * from './lib/dto/page-query.dto';
export * from './lib/dto/error.dto';
export * from './lib/dto/auth.dto';
export * from './lib/dto/users.dto';
export * from './lib/segments/segment-fields';
export * from './lib/segments/segment-rule.schema';
export * from './lib/dto/segments.dto';
export * from './lib/dto/campaigns.dto';
export * from './lib/dto/ai.dto';
export * from './lib/dto/customers.dto';
export * from './lib/dto/imports.dto';
export * from './lib/campaign-stats-progress';
export * from './lib/dto/analytics.dto';
export * from './lib/csv-cell';
export * from './lib/dto/city-aliases.dto';
