import { Injectable, NotFoundException } from '@nestjs/common';
import type { CampaignChannel, CustomerEngagementDto } from '@mini-crm/contracts';
import { MessageLogRepository } from '../messages/message-log.repository';
import { CampaignEngagementRepository } from './campaign-engagement.repository';

/** The most recent campaigns shown per customer. */
export const CUSTOMER_ENGAGEMENT_LIMIT = 200;

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** A customer's campaigns as they reached them: delivery, first human open/click, conversion and revenue. */
@Injectable()
export class CustomerEngagementService {
  constructor(
    private readonly repo: CampaignEngagementRepository,
    private readonly log: MessageLogRepository,
  ) {}

  async forCustomer(customerId: string): Promise<CustomerEngagementDto> {
    if (!(await this.log.customerExists(customerId))) throw new NotFoundException(`Customer ${customerId} not found`);
    const rows = await this.repo.forCustomer(customerId, CUSTOMER_ENGAGEMENT_LIMIT);
    return {
      customerId,
      items: rows.map((r) => ({
        campaignId: r.campaign_id,
        campaignName: r.campaign_name,
        channel: r.channel as CampaignChannel,
        messageStatus: r.status,
        sentAt: iso(r.sent_at),
        deliveredAt: iso(r.delivered_at),
        openedAt: iso(r.opened_at),
        clickedAt: iso(r.clicked_at),
        convertedAt: iso(r.converted_at),
        revenue: Number(r.revenue ?? 0),
      })),
    };
  }
}
