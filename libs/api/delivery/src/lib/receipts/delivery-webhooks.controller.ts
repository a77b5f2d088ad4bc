import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  DeliveryCountersDto,
  DeliveryReceiptBatchDto,
  DeliveryReceiptResultDto,
  ErrorDto,
  InboundSmsDto,
  InboundSmsResultDto,
} from '@mini-crm/contracts';
import { Public, Can } from '@mini-crm/api/core';
import { ConsentService } from '@mini-crm/api/customers';
import { DeliveryCountersService } from './delivery-counters.service';
import { InboundDedupeService } from './inbound-dedupe.service';
import { ReceiptBufferService } from './receipt-buffer.service';
import { VendorSignatureGuard } from './vendor-signature.guard';

@ApiTags('delivery')
@Controller('delivery')
export class DeliveryWebhooksController {
  constructor(
    private readonly receipts: ReceiptBufferService,
    private readonly consent: ConsentService,
    private readonly counters: DeliveryCountersService,
    private readonly inboundIds: InboundDedupeService,
  ) {}

  @Post('receipts')
  @Public()
  @ApiSecurity({})
  @UseGuards(VendorSignatureGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Vendor delivery receipts (signed with x-vendor-timestamp + x-vendor-signature)' })
  @ApiOkResponse({ type: DeliveryReceiptResultDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid signature, or a stale timestamp' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Malformed receipt batch' })
  receive(@Body() body: DeliveryReceiptBatchDto): Promise<DeliveryReceiptResultDto> {
    return this.receipts.submit(body.receipts);
  }

  @Post('inbound')
  @Public()
  @ApiSecurity({})
  @UseGuards(VendorSignatureGuard)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Inbound SMS from the vendor (signed); STOP unsubscribes the sender from SMS, START re-subscribes; an id seen before changes nothing',
  })
  @ApiOkResponse({ type: InboundSmsResultDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid signature, or a stale timestamp' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'Deduplication store (Redis) unavailable' })
  async inbound(@Body() body: InboundSmsDto): Promise<InboundSmsResultDto> {
    const result = await this.inboundIds.once(body.id, () => this.consent.inboundSms(body));
    if (result) return result;
    this.counters.counters.inboundDuplicate++;
    return { action: 'duplicate', customers: 0 };
  }

  @Get('counters')
  @Can('delivery.monitor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Webhook counters of this API process (applied, replayed, unknown, bad signatures)' })
  @ApiOkResponse({ type: DeliveryCountersDto })
  counts(): DeliveryCountersDto {
    return { ...this.counters.counters };
  }
}
