import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Twilio's status callback form (only the fields we read; Twilio sends more). */
export class TwilioStatusCallbackDto {
  @ApiProperty({ example: 'SM0123456789abcdef0123456789abcdef' })
  MessageSid!: string;

  @ApiProperty({ enum: ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'] })
  MessageStatus!: string;

  @ApiPropertyOptional({ description: 'Twilio error code on undelivered/failed', example: '30003' })
  ErrorCode?: string;
}

/** Twilio's inbound message form (only the fields we read). */
export class TwilioInboundDto {
  @ApiProperty()
  MessageSid!: string;

  @ApiProperty({ example: '+919812345678' })
  From!: string;

  @ApiProperty({ example: 'STOP' })
  Body!: string;
}

export class TwilioWebhookResultDto {
  @ApiProperty({ description: 'What the callback changed', example: 'applied' })
  result!: string;
}
