import { Controller, Get, Headers, Inject, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ErrorDto } from '@mini-crm/contracts';
import { APP_CONFIG, AppConfig, AppMetrics, loadMetricsConfig, Public, type MetricsConfig } from '@mini-crm/api/core';

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: string): void;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Prometheus text. Public to the permission guard (Prometheus has no user), answered only with
 * `Authorization: Bearer $METRICS_TOKEN`; without METRICS_TOKEN the route is off (404) and the
 * figures are read on the loopback METRICS_PORT instead, when set.
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly settings: MetricsConfig;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: AppMetrics,
  ) {
    this.settings = loadMetricsConfig(config);
  }

  @Get()
  @Public()
  @ApiSecurity({})
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'Prometheus metrics (Authorization: Bearer $METRICS_TOKEN; off without METRICS_TOKEN)',
  })
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or wrong metrics token' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'METRICS_TOKEN is not set (metrics off, or on METRICS_PORT)' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: Reply): Promise<void> {
    const token = this.settings.token;
    if (!token)
      throw new NotFoundException('Metrics are not served here: set METRICS_TOKEN, or read METRICS_PORT on loopback');
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token)))
      throw new UnauthorizedException('Metrics need the metrics token');
    const text = await this.metrics.scrape();
    reply.status(200).header('content-type', this.metrics.contentType).header('cache-control', 'no-store').send(text);
  }
}
