import { BadRequestException, Injectable } from '@nestjs/common';
import type { EngagementFilter, MessageDto, MessagePageDto, MessageStatus } from '@mini-crm/contracts';
import { decodeCursor, toPage } from '@mini-crm/api/core';
import { MessageLogRepository, type MessageLogRow } from './message-log.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDto(r: MessageLogRow): MessageDto {
  const name = [r.firstName, r.lastName].filter(Boolean).join(' ') || null;
  return {
    id: r.m.id,
    campaignId: r.m.campaignId,
    campaignName: r.campaignName,
    customerId: r.m.customerId,
    customerName: name,
    recipient: r.m.recipient,
    renderedText: r.m.renderedText,
    status: r.displayStatus as MessageStatus,
    failureReason: r.m.failureReason,
    vendorMessageId: r.m.vendorMessageId,
    queuedAt: r.m.queuedAt.toISOString(),
    sentAt: iso(r.m.sentAt),
    deliveredAt: iso(r.m.deliveredAt),
    openedAt: iso(r.m.openedAt),
    clickedAt: iso(r.m.clickedAt),
    failedAt: iso(r.m.failedAt),
  };
}

/** Read side of the communication log: per campaign (in send order) and per customer (newest first). */
@Injectable()
export class MessageLogService {
  constructor(private readonly repo: MessageLogRepository) {}

  async forCampaign(
    campaignId: string,
    q: { limit: number; cursor?: string; status?: MessageStatus; engagement?: EngagementFilter },
  ): Promise<MessagePageDto> {
    const key = decodeCursor(q.cursor, 2);
    const rows = await this.repo.forCampaign(campaignId, {
      limit: q.limit,
      status: q.status,
      engagement: q.engagement,
      after: key ? [Number(key[0]), String(key[1])] : null,
    });
    const page = toPage(rows, q.limit, (r) => [r.m.seq, r.m.id]);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async forCustomer(
    customerId: string,
    q: { limit: number; cursor?: string; status?: MessageStatus },
  ): Promise<MessagePageDto> {
    const key = decodeCursor(q.cursor, 2);
    if (key && !/^\d{1,20}$/.test(String(key[0])))
      throw new BadRequestException({
        message: 'Invalid cursor',
        details: [{ path: 'cursor', message: 'cursor is malformed or from another listing' }],
      });
    const rows = await this.repo.forCustomer(customerId, {
      limit: q.limit,
      status: q.status,
      before: key ? [String(key[0]), String(key[1])] : null,
    });
    const page = toPage(rows, q.limit, (r) => [r.queuedUs, r.m.id]);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  customerExists(id: string): Promise<boolean> {
    return this.repo.customerExists(id);
  }
}
