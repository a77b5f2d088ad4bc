import { randomUUID } from 'node:crypto';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { TestSendDto, TestSendResultDto, TestSendResultItemDto } from '@mini-crm/contracts';
import { APP_CONFIG, AuditService, type AppConfig, type AuthUser } from '@mini-crm/api/core';
import { CampaignPreviewService } from '@mini-crm/api/campaigns';
import type { OutboundMessage, SendOutcome } from '../providers/channel-provider';
import { ChannelProviders } from '../providers/channel-providers';
import { ProviderRequestError, ProviderRetryableError } from '../providers/provider.errors';
import { testRecipients } from './test-recipients.util';

/** Marks a test in the inbox list, so nobody mistakes it for the campaign. */
export const TEST_SUBJECT_PREFIX = '[Test] ';

/**
 * Sends the message on screen, rendered for one customer, to addresses or numbers the user typed,
 * through the channel's configured provider. No campaign message row is written, so nothing counts
 * in stats; receipts for these ids name no message of ours and are ignored. Audited.
 */
@Injectable()
export class TestSendService {
  constructor(
    private readonly previews: CampaignPreviewService,
    private readonly providers: ChannelProviders,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 400 for bad content or recipients, 503 when the channel has no provider ready; checked before anything is counted. */
  async prepare(body: TestSendDto): Promise<{ to: string[]; messages: OutboundMessage[] }> {
    const to = testRecipients(body.channel, body.to, this.config.defaults.country);
    if (!this.providers.of(body.channel).ready)
      throw new ServiceUnavailableException(`Delivery of ${body.channel} is not configured: see Settings › Channels`);
    const email = body.channel === 'email';
    const out = await this.previews.renderTest(
      {
        channel: body.channel,
        message: body.message,
        subject: email ? body.subject : null,
        preheader: email ? body.preheader : null,
      },
      body.customerId,
    );
    const messages = to.map((recipient) => ({
      id: randomUUID(),
      channel: body.channel,
      to: recipient,
      body: out.body,
      ...(email ? { subject: `${TEST_SUBJECT_PREFIX}${out.subject ?? ''}` } : {}),
      ...(out.preheader ? { preheader: out.preheader } : {}),
    }));
    return { to, messages };
  }

  async send(body: TestSendDto, messages: OutboundMessage[], actor: AuthUser): Promise<TestSendResultDto> {
    const provider = this.providers.of(body.channel);
    let outcomes: SendOutcome[];
    try {
      outcomes = await provider.sendBatch(messages);
    } catch (e) {
      const reason =
        e instanceof ProviderRequestError
          ? `provider refused the request (${e.status})`
          : e instanceof ProviderRetryableError
            ? 'provider unavailable, try again'
            : 'provider error';
      outcomes = messages.map((): SendOutcome => ({ status: 'rejected', kind: 'permanent', reason }));
    }
    const results: TestSendResultItemDto[] = messages.map((m, i) => {
      const o = outcomes[i];
      return o.status === 'accepted'
        ? { to: m.to, status: 'sent', detail: o.providerMessageId }
        : { to: m.to, status: 'failed', detail: o.status === 'in_flight' ? 'in flight' : o.reason };
    });
    await this.audit.record({
      actor,
      action: 'campaign.test_sent',
      entity: 'campaign',
      diff: {
        customerId: body.customerId,
        channel: body.channel,
        provider: provider.name,
        recipients: messages.length,
        sent: results.filter((r) => r.status === 'sent').length,
      },
    });
    return {
      provider: provider.name,
      customerId: body.customerId,
      subject: messages[0]?.subject ?? null,
      results,
    };
  }
}
