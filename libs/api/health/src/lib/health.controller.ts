import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { sql } from 'drizzle-orm';
import type Redis from 'ioredis';
import type { Database } from '@mini-crm/db';
import { DB, Public, REDIS } from '@mini-crm/api/core';
import { MigrationsRepository } from './migrations.repository';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DB) private readonly db: Database,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly migrations: MigrationsRepository,
  ) {}

  @Get()
  @Public()
  @ApiSecurity({})
  @ApiOperation({ summary: 'Liveness and readiness: database and Redis (public)' })
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.probe('database', () => this.db.execute(sql`select 1`)),
      () => this.probe('redis', () => this.redis.ping()),
    ]);
  }

  @Get('live')
  @Public()
  @ApiSecurity({})
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is probed; public)' })
  @ApiOkResponse({
    description: 'Alive',
    schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiSecurity({})
  @ApiOperation({
    summary: 'Readiness: database, Redis, and every migration of this build applied (public; 503 when not)',
  })
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.probe('database', () => this.db.execute(sql`select 1`)),
      () => this.probe('redis', () => this.redis.ping()),
      () => this.probe('migrations', () => this.migrationsApplied()),
    ]);
  }

  private async migrationsApplied(): Promise<void> {
    const applied = await this.migrations.applied();
    if (applied < this.migrations.expected)
      throw new Error(`${applied} of ${this.migrations.expected} migrations applied`);
  }

  /** Probes in flight: concurrent health checks share one database and one Redis round trip. */
  private readonly inflight = new Map<string, Promise<unknown>>();

  private probe(key: string, fn: () => Promise<unknown>) {
    let shared = this.inflight.get(key);
    if (!shared) {
      shared = this.measure(key, fn).finally(() => this.inflight.delete(key));
      this.inflight.set(key, shared);
    }
    return shared as ReturnType<HealthController['measure']>;
  }

  private async measure(key: string, fn: () => Promise<unknown>) {
    const ind = this.indicator.check(key);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        fn(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000))),
      ]);
      return ind.up({ latencyMs: Date.now() - started });
    } catch (e) {
      return ind.down({ message: (e as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}
