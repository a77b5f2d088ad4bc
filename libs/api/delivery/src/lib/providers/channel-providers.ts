import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { CampaignChannel } from '@mini-crm/contracts';
import { type ChannelProvider, EMAIL_PROVIDER, SMS_PROVIDER } from './channel-provider';

/** The configured provider of each channel. */
@Injectable()
export class ChannelProviders implements OnApplicationShutdown {
  constructor(
    @Inject(EMAIL_PROVIDER) private readonly email: ChannelProvider,
    @Inject(SMS_PROVIDER) private readonly sms: ChannelProvider,
  ) {}

  of(channel: CampaignChannel): ChannelProvider {
    return channel === 'email' ? this.email : this.sms;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.email.close?.(), this.sms.close?.()]);
  }
}
