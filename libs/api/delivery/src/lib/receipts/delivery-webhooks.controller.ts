import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
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
import { ReceiptBufferService } from './receipt-buffer.service';
import { VendorSignatureGuard } from './vendor-signature.guard';

@ApiTags('delivery')
@Controller('delivery')
export class DeliveryWebhooksController {
  constructor(
    private readonly receipts: ReceiptBufferService,
    private readonly consent: ConsentService,
    private readonly counters: DeliveryCountersService,
  ) {}

  @Post('receipts')
  @Public()
  @ApiSecurity({})
  @UseGuards(VendorSignatureGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Vendor delivery receipts (signed with x-vendor-timestamp + x-vendor-signature)' })
  @ApiOkResponse({ type: DeliveryReceiptResultDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid signature' })
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
    summary: 'Inbound SMS from the vendor (signed); STOP unsubscribes the sender from SMS, START re-subscribes',
  })
  @ApiOkResponse({ type: InboundSmsResultDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid signature' })
  inbound(@Body() body: InboundSmsDto): Promise<InboundSmsResultDto> {
    return this.consent.inboundSms(body);
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
