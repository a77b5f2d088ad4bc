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

/** One SendGrid Event Webhook event (the fields we read). */
export class SendgridEventDto {
  @ApiProperty({ example: 'a@example.com' })
  email!: string;

  @ApiProperty({ enum: ['bounce', 'spamreport', 'delivered', 'deferred', 'dropped', 'open', 'click'] })
  event!: string;

  @ApiPropertyOptional({ enum: ['bounce', 'blocked'], description: 'For bounce: bounce (hard) or blocked (soft)' })
  type?: string;

  @ApiProperty()
  sg_event_id!: string;

  @ApiPropertyOptional({ description: 'The Message-ID we set, <message id@domain>' })
  'smtp-id'?: string;

  @ApiPropertyOptional()
  reason?: string;

  @ApiPropertyOptional({ description: 'Unix seconds' })
  timestamp?: number;
}

export class EmailEventsResultDto {
  @ApiProperty() received!: number;
  @ApiProperty() hardBounces!: number;
  @ApiProperty() softBounces!: number;
  @ApiProperty() complaints!: number;
  @ApiProperty({ description: 'Addresses added to the suppression list' }) suppressed!: number;
  @ApiProperty({ description: 'Events of other kinds, or without an address or event id' }) ignored!: number;
}

export class ChannelSettingDto {
  @ApiProperty({ enum: ['email', 'sms'] })
  channel!: 'email' | 'sms';

  @ApiProperty({ example: 'smtp', description: 'vendor, smtp or twilio' })
  provider!: string;

  @ApiProperty({ description: 'The provider has the settings it needs' })
  ready!: boolean;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Sender identity: From address, sender number or messaging service',
  })
  sender!: string | null;

  @ApiPropertyOptional({ nullable: true })
  replyTo!: string | null;

  @ApiProperty({ type: [String], description: 'Environment variables this provider reads (values never shown)' })
  variables!: string[];
}

export class ChannelSettingsDto {
  @ApiProperty({ type: [ChannelSettingDto] })
  items!: ChannelSettingDto[];
}

export class ChannelCheckDto {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ description: 'What was checked and what came back; never a secret' })
  detail!: string;
}
