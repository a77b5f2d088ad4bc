import { Controller, Get, HttpCode, Inject, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ChannelCheckDto, ChannelSettingsDto, type CampaignChannel } from '@mini-crm/contracts';
import { Can } from '@mini-crm/api/core';
import { CHANNELS_CONFIG, type ChannelsConfig } from '../channels.config';
import { ChannelProviders } from './channel-providers';

const VARIABLES: Record<string, string[]> = {
  vendor: ['VENDOR_URL', 'VENDOR_WEBHOOK_SECRET'],
  smtp: [
    'SMTP_URL',
    'EMAIL_FROM',
    'EMAIL_REPLY_TO',
    'EMAIL_UNSUBSCRIBE_MAILTO',
    'SMTP_POOL_SIZE',
    'SMTP_DKIM_PRIVATE_KEY',
    'SENDGRID_WEBHOOK_PUBLIC_KEY',
  ],
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'TWILIO_MESSAGING_SERVICE_SID'],
};

/** Admin › Settings › Channels: which provider each channel uses, its sender, and a connection check. */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings/channels')
export class ChannelSettingsController {
  constructor(
    @Inject(CHANNELS_CONFIG) private readonly config: ChannelsConfig,
    private readonly providers: ChannelProviders,
  ) {}

  @Get()
  @Can('settings.manage')
  @ApiOperation({ summary: 'Provider, sender identity and the variables to set, per channel (no secrets)' })
  @ApiOkResponse({ type: ChannelSettingsDto })
  list(): ChannelSettingsDto {
    const email = this.providers.of('email');
    const sms = this.providers.of('sms');
    const twilio = this.config.twilio;
    return {
      items: [
        {
          channel: 'email',
          provider: email.name,
          ready: email.ready,
          sender: email.name === 'smtp' ? (this.config.emailFrom ?? null) : null,
          replyTo: email.name === 'smtp' ? (this.config.emailReplyTo ?? null) : null,
          variables: ['EMAIL_PROVIDER', ...VARIABLES[email.name]],
        },
        {
          channel: 'sms',
          provider: sms.name,
          ready: sms.ready,
          sender: sms.name === 'twilio' ? (twilio.from ?? twilio.messagingServiceSid ?? null) : null,
          replyTo: null,
          variables: ['SMS_PROVIDER', ...VARIABLES[sms.name]],
        },
      ],
    };
  }

  @Post(':channel/check')
  @Can('settings.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check the connection: SMTP verify, Twilio account fetch, vendor health' })
  @ApiParam({ name: 'channel', enum: ['email', 'sms'] })
  @ApiOkResponse({ type: ChannelCheckDto })
  check(@Param('channel', new ParseEnumPipe(['email', 'sms'])) channel: CampaignChannel): Promise<ChannelCheckDto> {
    return this.providers.of(channel).check();
  }
}
