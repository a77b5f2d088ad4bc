import type { FactoryProvider } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@mini-crm/api/core';
import type { ChannelsConfig } from '../channels.config';
import { CHANNELS_CONFIG } from '../channels.config';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../delivery.config';
import { VendorClient } from '../vendor/vendor.client';
import { type ChannelProvider, EMAIL_PROVIDER, SMS_PROVIDER } from './channel-provider';
import { OnceOnlyProvider } from './once-only.provider';
import { SmtpProvider } from './smtp/smtp.provider';
import { TwilioProvider } from './twilio/twilio.provider';
import { VendorProvider } from './vendor.provider';

/** EMAIL_PROVIDER and SMS_PROVIDER as the environment chose them; the vendor stays the default. */
export const channelProviderFactories: FactoryProvider<ChannelProvider>[] = [
  {
    provide: EMAIL_PROVIDER,
    inject: [CHANNELS_CONFIG, DELIVERY_CONFIG, VendorClient, REDIS],
    useFactory: (channels: ChannelsConfig, delivery: DeliveryConfig, vendor: VendorClient, redis: Redis) =>
      channels.email === 'smtp'
        ? new OnceOnlyProvider(new SmtpProvider(channels), redis)
        : new VendorProvider('email', vendor, delivery),
  },
  {
    provide: SMS_PROVIDER,
    inject: [CHANNELS_CONFIG, DELIVERY_CONFIG, VendorClient, REDIS, APP_CONFIG],
    useFactory: (
      channels: ChannelsConfig,
      delivery: DeliveryConfig,
      vendor: VendorClient,
      redis: Redis,
      app: AppConfig,
    ) =>
      channels.sms === 'twilio'
        ? new OnceOnlyProvider(new TwilioProvider(channels.twilio, app.publicUrl), redis)
        : new VendorProvider('sms', vendor, delivery),
  },
];
