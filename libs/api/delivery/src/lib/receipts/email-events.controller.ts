import { BadRequestException, Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { EmailEventsResultDto, ErrorDto, SendgridEventDto } from '@mini-crm/contracts';
import { Public } from '@mini-crm/api/core';
import { EmailEventsService, type SendgridEvent } from './email-events.service';
import { SendgridSignatureGuard } from './sendgrid-signature.guard';

const MAX_EVENTS = 10_000;

@ApiTags('delivery')
@Controller('delivery')
export class EmailEventsController {
  constructor(private readonly events: EmailEventsService) {}

  @Post('email-events')
  @Public()
  @ApiSecurity({})
  @UseGuards(SendgridSignatureGuard)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Email events in SendGrid Event Webhook format (ECDSA-signed): hard bounces suppress the address, spam reports unsubscribe, soft bounces suppress after EMAIL_SOFT_BOUNCE_LIMIT',
  })
  @ApiBody({ type: SendgridEventDto, isArray: true })
  @ApiOkResponse({ type: EmailEventsResultDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid signature, or a stale timestamp' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Not an array of events' })
  receive(@Body() body: unknown): Promise<EmailEventsResultDto> {
    if (!Array.isArray(body) || body.length > MAX_EVENTS || body.some((e) => !e || typeof e !== 'object'))
      throw new BadRequestException({
        message: 'Validation failed',
        details: [{ path: '', message: `body must be an array of at most ${MAX_EVENTS} event objects` }],
      });
    return this.events.apply(body as SendgridEvent[]);
  }
}
