import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateWebhookDto,
  PageQueryDto,
  UpdateWebhookDto,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookListDto,
  WebhookQueuedDto,
  WebhookWithSecretDto,
} from '@mini-crm/contracts';
import { AuthUser, Can, CurrentUser } from '@mini-crm/api/core';
import { WebhooksService } from '../endpoints/webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Can('webhooks.manage')
  @ApiOperation({ summary: 'Outgoing webhook endpoints (admin); secrets are never listed' })
  @ApiOkResponse({ type: WebhookListDto })
  list(): Promise<WebhookListDto> {
    return this.webhooks.list();
  }

  @Post()
  @Can('webhooks.manage')
  @ApiOperation({
    summary:
      'Subscribe an endpoint to events (admin); answers its signing secret (whsec_…) this once. URLs resolving to private, loopback or link-local addresses are refused',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @ApiBadRequestResponse({ description: 'Bad URL (scheme, credentials, private address) or unknown event type' })
  create(@Body() body: CreateWebhookDto, @CurrentUser() actor: AuthUser): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(body, actor);
  }

  @Get(':id')
  @Can('webhooks.manage')
  @ApiOperation({ summary: 'One webhook endpoint (admin)' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<WebhookDto> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @Can('webhooks.manage')
  @ApiOperation({ summary: 'Change an endpoint’s URL, events or description, or disable / re-enable it (admin)' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateWebhookDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<WebhookDto> {
    return this.webhooks.update(id, body, actor);
  }

  @Delete(':id')
  @Can('webhooks.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint, its pending events and its delivery log (admin)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.webhooks.remove(id, actor);
  }

  @Post(':id/rotate-secret')
  @Can('webhooks.manage')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'New signing secret, answered this once (admin); the previous one keeps signing alongside it for WEBHOOK_ROTATION_OVERLAP_HOURS',
  })
  @ApiOkResponse({ type: WebhookWithSecretDto })
  @ApiNotFoundResponse()
  rotate(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(id, actor);
  }

  @Post(':id/test')
  @Can('webhooks.manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a webhook.test event for the endpoint (admin)' })
  @ApiAcceptedResponse({ type: WebhookQueuedDto })
  @ApiNotFoundResponse()
  test(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser): Promise<WebhookQueuedDto> {
    return this.webhooks.sendTest(id, actor);
  }

  @Get(':id/deliveries')
  @Can('webhooks.manage')
  @ApiOperation({ summary: 'The endpoint’s delivery log, one row per attempt, newest first (admin)' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiNotFoundResponse()
  deliveries(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(id, { limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @Can('webhooks.manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a logged event again, with the same webhook-id (admin)' })
  @ApiAcceptedResponse({ type: WebhookQueuedDto })
  @ApiBadRequestResponse({ description: 'The endpoint is disabled' })
  @ApiNotFoundResponse()
  redeliver(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<WebhookQueuedDto> {
    return this.webhooks.redeliver(id, deliveryId, actor);
  }
}
