import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  CampaignRecipientsCsvQueryDto,
  CreateClickersSegmentDto,
  CustomerEngagementDto,
  ErrorDto,
  SegmentDto,
} from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can, RateCost, BULK_RATE_COST } from '@mini-crm/api/core';
import { ClickersSegmentService } from './clickers-segment.service';
import { CustomerEngagementService } from './customer-engagement.service';
import { RecipientsExportService } from './recipients-export.service';

const uuid = new ParseUUIDPipe();
const integer = new ParseIntPipe();

/** Acting on engagement: clickers segments, recipients by engagement as CSV, a customer's campaigns. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class CampaignEngagementController {
  constructor(
    private readonly clickers: ClickersSegmentService,
    private readonly exporter: RecipientsExportService,
    private readonly customers: CustomerEngagementService,
  ) {}

  @Post('campaigns/:id/links/:linkId/segment')
  @Can('segments.write')
  @ApiOperation({
    summary: 'Save a segment of the people who clicked this tracked link (human clicks; rule campaign_engagement)',
  })
  @ApiCreatedResponse({ type: SegmentDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid name or link id' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such campaign, or the link is not one of its links' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The given name is taken' })
  createClickersSegment(
    @Param('id', uuid) id: string,
    @Param('linkId', integer) linkId: number,
    @Body() body: CreateClickersSegmentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SegmentDto> {
    return this.clickers.create(id, linkId, body?.name, user);
  }

  @Get('campaigns/:id/recipients.csv')
  @RateCost(BULK_RATE_COST)
  @Can('data.export')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Download a campaign’s recipients as CSV, optionally by engagement (streamed; formula-safe; audited)',
  })
  @ApiOkResponse({ description: 'CSV attachment', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Unknown engagement filter' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such campaign' })
  async recipientsCsv(
    @Param('id', uuid) id: string,
    @Query() q: CampaignRecipientsCsvQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const { fileName, stream } = await this.exporter.exportCsv(id, q.engagement, user);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName}"`,
    });
  }

  @Get('customers/:id/engagement')
  @Can('customers.read')
  @ApiOperation({
    summary:
      'A customer’s campaigns, newest first (up to 200): status, sent/delivered/first human open and click, conversion and revenue',
  })
  @ApiOkResponse({ type: CustomerEngagementDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such customer' })
  customerEngagement(@Param('id', uuid) id: string): Promise<CustomerEngagementDto> {
    return this.customers.forCustomer(id);
  }
}
