import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  MessageEvent,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Sse,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Observable, map } from 'rxjs';
import {
  CampaignDto,
  CampaignListQueryDto,
  CampaignMessageListQueryDto,
  CampaignPageDto,
  CampaignPreviewDto,
  CampaignStatsDto,
  CreateCampaignDto,
  ErrorDto,
  LaunchCampaignDto,
  MessageListQueryDto,
  MessagePageDto,
  MessageTokenListDto,
  PreviewCampaignDto,
  PreviewDraftDto,
  UpdateCampaignDto,
} from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can, ContactMaskInterceptor, Idempotent } from '@mini-crm/api/core';
import { CampaignsService } from './campaigns.service';
import { CampaignPreviewService } from './campaign-preview.service';
import { CampaignStatsService } from './stats/campaign-stats.service';
import { CampaignStatsFeed } from './stats/campaign-stats-feed.service';
import { CampaignStreamTargetGuard } from './stats/campaign-stream-target.guard';
import { MessageLogService } from './messages/message-log.service';
import { CAMPAIGN_TOKENS } from './template/message-tokens.util';
import { CampaignCopyService } from './retry/campaign-copy.service';

const uuid = new ParseUUIDPipe();

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly previews: CampaignPreviewService,
    private readonly statsService: CampaignStatsService,
    private readonly log: MessageLogService,
    private readonly feed: CampaignStatsFeed,
    private readonly copies: CampaignCopyService,
  ) {}

  @Get('campaigns')
  @Can('campaigns.read')
  @ApiOperation({ summary: 'List campaigns, newest first, optionally by status' })
  @ApiOkResponse({ type: CampaignPageDto })
  list(@Query() q: CampaignListQueryDto): Promise<CampaignPageDto> {
    return this.campaigns.list({ limit: q.limit ?? 50, cursor: q.cursor, status: q.status });
  }

  @Get('campaigns/tokens')
  @Can('campaigns.read')
  @ApiOperation({ summary: 'Personalization tokens a message may use ({{name}} or {{name|fallback}})' })
  @ApiOkResponse({ type: MessageTokenListDto })
  tokens(): MessageTokenListDto {
    return { tokens: [...CAMPAIGN_TOKENS], attributePattern: 'attributes.<key>' };
  }

  @Post('campaigns/preview')
  @HttpCode(200)
  @Can('campaigns.read')
  @ApiOperation({ summary: 'Render an unsaved message for sample customers of a segment' })
  @ApiOkResponse({ type: CampaignPreviewDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Unknown tokens or invalid fields' })
  previewDraft(@Body() body: PreviewDraftDto): Promise<CampaignPreviewDto> {
    return this.previews.preview(body, body.limit ?? 5);
  }

  @Post('campaigns')
  @Idempotent()
  @Can('campaigns.write')
  @ApiOperation({ summary: 'Create a draft campaign' })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'Invalid fields, unknown tokens (named in `details`), unknown segment',
  })
  create(@Body() body: CreateCampaignDto, @CurrentUser() user: AuthUser): Promise<CampaignDto> {
    return this.campaigns.create(body, user);
  }

  @Get('campaigns/:id')
  @Can('campaigns.read')
  @ApiOperation({ summary: 'Get a campaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@Param('id', uuid) id: string): Promise<CampaignDto> {
    return this.campaigns.get(id);
  }

  @Patch('campaigns/:id')
  @Can('campaigns.write')
  @ApiOperation({ summary: 'Edit a draft or scheduled campaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Campaign is no longer editable' })
  update(
    @Param('id', uuid) id: string,
    @Body() body: UpdateCampaignDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CampaignDto> {
    return this.campaigns.update(id, body, user);
  }

  @Delete('campaigns/:id')
  @HttpCode(204)
  @Can('campaigns.write')
  @ApiOperation({ summary: 'Delete a draft or scheduled campaign' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Campaign has been launched' })
  async remove(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.campaigns.remove(id, user);
  }

  @Post('campaigns/:id/preview')
  @HttpCode(200)
  @Can('campaigns.read')
  @ApiOperation({
    summary:
      'Render the campaign for sample customers of its audience (SMS: length and segments), with the launch estimate (messages, SMS segments, cost)',
  })
  @ApiOkResponse({ type: CampaignPreviewDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async preview(@Param('id', uuid) id: string, @Body() body: PreviewCampaignDto): Promise<CampaignPreviewDto> {
    const c = await this.campaigns.get(id);
    const predicate = await this.campaigns.audienceOf({ segmentId: c.segmentId, retryOf: c.retryOf ?? null });
    return this.previews.preview(
      {
        id: c.id,
        segmentId: c.segmentId,
        channel: c.channel,
        message: c.message,
        subject: c.subject,
        preheader: c.preheader,
        predicate,
      },
      body.limit ?? 5,
    );
  }

  @Post('campaigns/:id/duplicate')
  @Idempotent()
  @Can('campaigns.write')
  @ApiOperation({ summary: 'Copy a campaign (any status) into a new draft with the same segment, channel and message' })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  duplicate(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser): Promise<CampaignDto> {
    return this.copies.duplicate(id, user);
  }

  @Post('campaigns/:id/retry-failed')
  @Idempotent()
  @Can('campaigns.launch')
  @ApiOperation({
    summary:
      'New draft linked to this campaign (`retryOf`) that re-sends only to recipients whose message failed for a retryable reason (vendor unavailable, carrier timeout, phone unreachable, mailbox full) — never to delivered ones',
  })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'Nothing was sent yet, or no recipient failed for a retryable reason (the message says why)',
  })
  retryFailed(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser): Promise<CampaignDto> {
    return this.copies.retryFailed(id, user);
  }

  @Post('campaigns/:id/launch')
  @Idempotent()
  @HttpCode(200)
  @Can('campaigns.launch')
  @ApiOperation({ summary: 'Send now, or schedule (body `scheduledAt`, else the campaign’s future `scheduledAt`)' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiConflictResponse({
    type: ErrorDto,
    description:
      'Not a draft or scheduled campaign, or nobody in the segment can receive it on its channel (the message says why)',
  })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'The draft has no message (or an email no subject) yet' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'No vendor configured' })
  launch(
    @Param('id', uuid) id: string,
    @Body() body: LaunchCampaignDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CampaignDto> {
    return this.campaigns.launch(id, body ?? {}, user);
  }

  @Post('campaigns/:id/pause')
  @HttpCode(200)
  @Can('campaigns.launch')
  @ApiOperation({ summary: 'Pause a running campaign (no new sends within a second)' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Not running' })
  pause(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser): Promise<CampaignDto> {
    return this.campaigns.pause(id, user);
  }

  @Post('campaigns/:id/resume')
  @HttpCode(200)
  @Can('campaigns.launch')
  @ApiOperation({ summary: 'Resume a paused campaign: sends exactly the messages not yet sent' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Not paused' })
  resume(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser): Promise<CampaignDto> {
    return this.campaigns.resume(id, user);
  }

  @Post('campaigns/:id/cancel')
  @HttpCode(200)
  @Can('campaigns.launch')
  @ApiOperation({ summary: 'Cancel a scheduled, running or paused campaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already finished or a draft' })
  cancel(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser): Promise<CampaignDto> {
    return this.campaigns.cancel(id, user);
  }

  @Get('campaigns/:id/stats')
  @Can('campaigns.read')
  @ApiOperation({ summary: 'Delivery stats; queued + sent + failed = audience' })
  @ApiOkResponse({ type: CampaignStatsDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  stats(@Param('id', uuid) id: string): Promise<CampaignStatsDto> {
    return this.statsService.stats(id);
  }

  @Sse('campaigns/:id/stats/stream')
  @Can('campaigns.read')
  @UseGuards(CampaignStreamTargetGuard)
  @UseInterceptors(ContactMaskInterceptor)
  @ApiOperation({
    summary:
      'Server-sent events: the stats every second until the campaign has ended and its receipts have settled (EventSource passes ?ticket= from POST /api/auth/stream-ticket)',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ type: CampaignStatsDto, description: 'Each event’s `data` is a CampaignStatsDto as JSON' })
  statsStream(@Param('id') id: string): Observable<MessageEvent> {
    // One shared ticker per campaign feeds every viewer; it outlives the campaign's end until receipts settle.
    return this.feed.watch(id).pipe(map((s) => ({ data: s, type: 'stats' })));
  }

  @Get('campaigns/:id/messages')
  @Can('campaigns.read')
  @ApiOperation({
    summary: 'Recipients of a campaign in send order: rendered text, status, reason; optionally by engagement',
  })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Unknown status or engagement filter, malformed cursor' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async messages(@Param('id', uuid) id: string, @Query() q: CampaignMessageListQueryDto): Promise<MessagePageDto> {
    await this.campaigns.get(id);
    return this.log.forCampaign(id, {
      limit: q.limit ?? 50,
      cursor: q.cursor,
      status: q.status,
      engagement: q.engagement,
    });
  }

  @Get('customers/:id/messages')
  @Can('customers.read')
  @ApiOperation({ summary: 'A customer’s message history, newest first' })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async customerMessages(@Param('id', uuid) id: string, @Query() q: MessageListQueryDto): Promise<MessagePageDto> {
    if (!(await this.log.customerExists(id))) throw new NotFoundException(`Customer ${id} not found`);
    return this.log.forCustomer(id, { limit: q.limit ?? 50, cursor: q.cursor, status: q.status });
  }
}
