import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@mini-crm/api/core';
import { CAMPAIGN_DISPATCHER, CampaignsModule } from '@mini-crm/api/campaigns';
import { ConsentModule } from '@mini-crm/api/customers';
import { CHANNELS_CONFIG, loadChannelsConfig } from './channels.config';
import { DELIVERY_CONFIG, loadDeliveryConfig, withProviderRateLimits } from './delivery.config';
import { ChannelProviders } from './providers/channel-providers';
import { ChannelSettingsController } from './providers/channel-settings.controller';
import { channelProviderFactories } from './providers/channel-providers.factory';
import { CampaignStateCache } from './queue/campaign-state.cache';
import { DeliveryQueueService } from './queue/delivery-queue.service';
import { DeliveryReconcilerService } from './queue/delivery-reconciler.service';
import { DeliveryWorkersService } from './queue/delivery-workers.service';
import { FailureWindowService } from './queue/failure-window.service';
import { LaunchProcessor } from './queue/launch.processor';
import { SendBatchProcessor } from './queue/send-batch.processor';
import { DeliveryCountersService } from './receipts/delivery-counters.service';
import { DeliveryWebhooksController } from './receipts/delivery-webhooks.controller';
import { InboundDedupeService } from './receipts/inbound-dedupe.service';
import { ReceiptBufferService } from './receipts/receipt-buffer.service';
import { VendorSignatureGuard } from './receipts/vendor-signature.guard';
import { EmailEventsController } from './receipts/email-events.controller';
import { EmailEventsService } from './receipts/email-events.service';
import { SendgridSignatureGuard } from './receipts/sendgrid-signature.guard';
import { TwilioSignatureGuard } from './receipts/twilio-signature.guard';
import { TwilioWebhooksController } from './receipts/twilio-webhooks.controller';
import { TestSendController } from './test-send/test-send.controller';
import { TestSendLimit } from './test-send/test-send-limit.service';
import { TestSendService } from './test-send/test-send.service';
import { VendorClient } from './vendor/vendor.client';
import { SendingSettingsController } from './window/sending-settings.controller';
import { SendingSettingsRepository } from './window/sending-settings.repository';
import { SendingSettingsService } from './window/sending-settings.service';
import { SENDING_WINDOW_CONFIG, loadSendingWindowConfig } from './window/sending-window.config';
import { SendingWindowGate } from './window/sending-window.gate';
import { SendingWindowWaker } from './window/sending-window.waker';

/**
 * Delivery: queues, send workers, vendor client, receipts and inbound webhooks. Global so that
 * CampaignsModule finds CAMPAIGN_DISPATCHER without importing this module (no cycle).
 * `forRoot` reads the delivery settings at once, so a bad value stops the start with ConfigError.
 */
@Global()
@Module({})
export class DeliveryModule {
  static forRoot(config: AppConfig): DynamicModule {
    const channels = loadChannelsConfig(config);
    const delivery = withProviderRateLimits(loadDeliveryConfig(config), channels);
    const sendingWindows = loadSendingWindowConfig(config);
    return {
      module: DeliveryModule,
      imports: [CampaignsModule, ConsentModule],
      controllers: [
        DeliveryWebhooksController,
        TwilioWebhooksController,
        EmailEventsController,
        SendingSettingsController,
        ChannelSettingsController,
        TestSendController,
      ],
      providers: [
        { provide: DELIVERY_CONFIG, useValue: delivery },
        { provide: CHANNELS_CONFIG, useValue: channels },
        { provide: SENDING_WINDOW_CONFIG, useValue: sendingWindows },
        SendingSettingsRepository,
        SendingSettingsService,
        SendingWindowGate,
        SendingWindowWaker,
        DeliveryQueueService,
        { provide: CAMPAIGN_DISPATCHER, useExisting: DeliveryQueueService },
        VendorClient,
        ...channelProviderFactories,
        ChannelProviders,
        CampaignStateCache,
        FailureWindowService,
        SendBatchProcessor,
        LaunchProcessor,
        DeliveryReconcilerService,
        DeliveryWorkersService,
        DeliveryCountersService,
        ReceiptBufferService,
        InboundDedupeService,
        VendorSignatureGuard,
        TwilioSignatureGuard,
        SendgridSignatureGuard,
        EmailEventsService,
        TestSendService,
        TestSendLimit,
      ],
      exports: [
        CAMPAIGN_DISPATCHER,
        DELIVERY_CONFIG,
        CHANNELS_CONFIG,
        ChannelProviders,
        DeliveryQueueService,
        DeliveryWorkersService,
      ],
    };
  }
}
