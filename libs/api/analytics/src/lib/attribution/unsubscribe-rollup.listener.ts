import { Injectable } from '@nestjs/common';
import type { UnsubscribeListener } from '@mini-crm/api/customers';
import { MessagesRepository } from '@mini-crm/api/campaigns';
import { AnalyticsCache } from '../analytics-cache.service';

/** The UNSUBSCRIBE_LISTENER port: an unsubscribe through a campaign's link counts once per recipient in its rollup. */
@Injectable()
export class UnsubscribeRollupListener implements UnsubscribeListener {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly cache: AnalyticsCache,
  ) {}

  async unsubscribed(event: { customerId: string; campaignId: string }): Promise<void> {
    if (await this.messages.recordUnsubscribe(event.campaignId, event.customerId)) await this.cache.invalidate();
  }
}
