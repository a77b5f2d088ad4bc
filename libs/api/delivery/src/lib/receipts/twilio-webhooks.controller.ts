import { BadRequestException, Body, Controller, Header, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorDto, TwilioInboundDto, TwilioStatusCallbackDto, TwilioWebhookResultDto } from '@mini-crm/contracts';
import { Public } from '@mini-crm/api/core';
import { UUID_PATTERN } from '@mini-crm/db';
import { ConsentService } from '@mini-crm/api/customers';
import { TWILIO_CONSENT_CODES, twilioReceiptType } from '../providers/twilio/twilio-outcome.util';
import { DeliveryCountersService } from './delivery-counters.service';
import { InboundDedupeService } from './inbound-dedupe.service';
import { ReceiptBufferService } from './receipt-buffer.service';
import { TwilioSignatureGuard } from './twilio-signature.guard';

type Form = Record<string, unknown>;
const HELP_TEXT = 'Reply STOP to unsubscribe, START to subscribe again.';

/** Twilio's status callbacks and inbound messages (form posts, signed with X-Twilio-Signature). */
@ApiTags('delivery')
@Controller('delivery/twilio')
export class TwilioWebhooksController {
  constructor(
    private readonly receipts: ReceiptBufferService,
    private readonly consent: ConsentService,
    private readonly inboundIds: InboundDedupeService,
    private readonly counters: DeliveryCountersService,
  ) {}

  @Post('status')
  @Public()
  @ApiSecurity({})
  @UseGuards(TwilioSignatureGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Twilio status callback: delivered/undelivered/failed become receipts' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiQuery({ name: 'id', description: 'Our message id, set on the callback URL at send time' })
  @ApiBody({ type: TwilioStatusCallbackDto })
  @ApiOkResponse({ type: TwilioWebhookResultDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid X-Twilio-Signature' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Missing fields' })
  async status(@Query('id') id: string, @Body() body: Form): Promise<TwilioWebhookResultDto> {
    const sid = field(body, 'MessageSid');
    const status = field(body, 'MessageStatus');
    if (!UUID_PATTERN.test(id ?? ''))
      throw new BadRequestException({
        message: 'Validation failed',
        details: [{ path: 'id', message: 'id must be a message id' }],
      });
    const type = twilioReceiptType(status);
    if (!type) return { result: 'ignored' };
    const code = optional(body, 'ErrorCode');
    if (type === 'failed' && code && TWILIO_CONSENT_CODES.has(Number(code)))
      await this.consent.inboundSms({ id: `twilio-${sid}`, from: field(body, 'To'), text: 'STOP' });
    const res = await this.receipts.submit([
      {
        id: `twilio:${sid}:${type}`,
        vendorMessageId: sid,
        idempotencyKey: id,
        type,
        ...(type === 'failed' ? { reason: code ? `twilio_${code}` : 'undelivered' } : {}),
        at: new Date().toISOString(),
      },
    ]);
    return { result: res.applied ? 'applied' : 'seen' };
  }

  @Post('inbound')
  @Public()
  @ApiSecurity({})
  @UseGuards(TwilioSignatureGuard)
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  @ApiOperation({
    summary: 'Twilio inbound SMS: STOP unsubscribes the sender, START re-subscribes, HELP answers how; TwiML reply',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioInboundDto })
  @ApiProduces('text/xml')
  @ApiOkResponse({ description: 'TwiML', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid X-Twilio-Signature' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Missing fields' })
  async inbound(@Body() body: Form): Promise<string> {
    const sms = { id: `twilio-${field(body, 'MessageSid')}`, from: field(body, 'From'), text: field(body, 'Body') };
    if (/^\s*(HELP|INFO)\b/i.test(sms.text))
      return `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${HELP_TEXT}</Message></Response>`;
    const result = await this.inboundIds.once(sms.id, () => this.consent.inboundSms(sms));
    if (!result) this.counters.counters.inboundDuplicate++;
    // Twilio answers STOP/START itself (Advanced Opt-Out); an empty response adds nothing.
    return '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
  }
}

function field(body: Form, name: string): string {
  const v = body?.[name];
  if (typeof v !== 'string' || !v)
    throw new BadRequestException({
      message: 'Validation failed',
      details: [{ path: name, message: `${name} is required` }],
    });
  return v;
}

function optional(body: Form, name: string): string | undefined {
  const v = body?.[name];
  return typeof v === 'string' && v ? v : undefined;
}
