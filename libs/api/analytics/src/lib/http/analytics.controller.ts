import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AnalyticsOverviewDto,
  AnalyticsRangeQueryDto,
  CampaignLinksDto,
  CampaignPerformanceListDto,
  CampaignPerformanceQueryDto,
  CampaignTimelineDto,
  CampaignTimelineQueryDto,
  DateRangeQueryDto,
  ErrorDto,
  SegmentPerformanceListDto,
} from '@mini-crm/contracts';
import { Can } from '@mini-crm/api/core';
import { AnalyticsService } from '../analytics.service';

const uuid = new ParseUUIDPipe();

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('overview')
  @Can('analytics.read')
  @ApiOperation({
    summary:
      'Totals and rates over [from, to) with the previous period of equal length, by channel and by message source (AI/manual), and a series (hourly up to 2 days, else daily)',
  })
  @ApiOkResponse({ type: AnalyticsOverviewDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid dates, from not before to, unknown channel' })
  overview(@Query() q: AnalyticsRangeQueryDto): Promise<AnalyticsOverviewDto> {
    return this.analytics.overview(q);
  }

  @Get('campaigns')
  @Can('analytics.read')
  @ApiOperation({ summary: 'Per-campaign performance over [from, to), sorted descending by `sort`' })
  @ApiOkResponse({ type: CampaignPerformanceListDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  campaigns(@Query() q: CampaignPerformanceQueryDto): Promise<CampaignPerformanceListDto> {
    return this.analytics.campaigns(q);
  }

  @Get('campaigns/:id/timeline')
  @Can('analytics.read')
  @ApiOperation({
    summary:
      'A campaign’s sent/delivered/failed/opened/clicked/converted over time (minute from raw rows, hour/day from rollups)',
  })
  @ApiOkResponse({ type: CampaignTimelineDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  timeline(@Param('id', uuid) id: string, @Query() q: CampaignTimelineQueryDto): Promise<CampaignTimelineDto> {
    return this.analytics.timeline(id, q.bucket ?? 'hour');
  }

  @Get('campaigns/:id/links')
  @Can('analytics.read')
  @ApiOperation({ summary: 'A campaign’s tracked links with human clicks (total, unique) and machine clicks' })
  @ApiOkResponse({ type: CampaignLinksDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  links(@Param('id', uuid) id: string): Promise<CampaignLinksDto> {
    return this.analytics.links(id);
  }

  @Get('segments')
  @Can('analytics.read')
  @ApiOperation({
    summary: 'Per saved segment: campaigns, recipients, rates, revenue per recipient and size over time',
  })
  @ApiOkResponse({ type: SegmentPerformanceListDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  segments(@Query() q: DateRangeQueryDto): Promise<SegmentPerformanceListDto> {
    return this.analytics.segments(q);
  }
}
