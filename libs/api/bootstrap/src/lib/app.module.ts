import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ScheduleModule } from '@nestjs/schedule';
import type { DbHandle } from '@mini-crm/db';
import {
  AllExceptionsFilter,
  AppConfig,
  AuditModule,
  AuthGuard,
  RoutePolicyCheck,
  ClockModule,
  ConfigModule,
  CronLockModule,
  DatabaseModule,
  MetricsModule,
  QueueModule,
  RedisModule,
  WebhookEventsModule,
} from '@mini-crm/api/core';
import { AuthModule } from '@mini-crm/api/auth';
import { UsersModule } from '@mini-crm/api/users';
import { HealthModule } from '@mini-crm/api/health';
import { featureModules } from './feature-modules';
import { PrincipalRateLimitGuard } from './rate-limit/principal-rate-limit.guard';
import { appLoggerOptions } from './request-log';

export interface AppModuleOptions {
  config: AppConfig;
  /** An already-open database (tests); otherwise opened from config. */
  db?: DbHandle;
  /** Extra modules (tests, the worker app). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DiscoveryModule,
        LoggerModule.forRoot({
          // The app's logger only: requests are logged by a Fastify hook (request-log.ts), not by pino-http as middleware.
          forRoutes: [],
          pinoHttp: appLoggerOptions(config.logLevel),
        }),
        DatabaseModule.forRoot(options.db),
        RedisModule,
        CronLockModule,
        QueueModule,
        MetricsModule,
        WebhookEventsModule,
        ScheduleModule.forRoot(),
        AuditModule,
        UsersModule,
        AuthModule,
        HealthModule,
        ...featureModules(config),
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // Global guards run in this order: the caller's bucket is charged once AuthGuard knows the caller.
        { provide: APP_GUARD, useClass: PrincipalRateLimitGuard },
        RoutePolicyCheck,
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
