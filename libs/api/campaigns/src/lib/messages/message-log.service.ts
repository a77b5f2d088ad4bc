import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, or, sql, SQL } from 'drizzle-orm';
import { campaigns, customers, Database, messages } from '@mini-crm/db';
import type { MessageDto, MessagePageDto, MessageStatus } from '@mini-crm/contracts';
import { DB, decodeCursor, toPage } from '@mini-crm/api/core';
import { rowsOf } from '../sql-rows.util';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Microseconds since the epoch as text: a JS Date would drop the µs part and break the keyset. */
const queuedUs = sql<string>`(extract(epoch from ${messages.queuedAt}) * 1000000)::bigint::text`;

/**
 * What a message shows as its status: engagement is kept in timestamps (see applyReceipts), so
 * delivered / opened / clicked are read from them; `status` itself is queued, sent or failed.
 */
const displayStatus = sql<string>`case when ${messages.status} in ('queued', 'failed') then ${messages.status}
  when ${messages.clickedAt} is not null then 'clicked' when ${messages.openedAt} is not null then 'opened'
  when ${messages.deliveredAt} is not null then 'delivered' else ${messages.status} end`;

function statusFilter(status: MessageStatus): SQL {
  return status === 'queued' || status === 'failed' ? eq(messages.status, status) : sql`${displayStatus} = ${status}`;
}

const columns = {
  m: messages,
  displayStatus,
  queuedUs,
  campaignName: campaigns.name,
  firstName: customers.firstName,
  lastName: customers.lastName,
};

type Row = {
  m: typeof messages.$inferSelect;
  displayStatus: string;
  queuedUs: string;
  campaignName: string | null;
  firstName: string | null;
  lastName: string | null;
};

function toDto(r: Row): MessageDto {
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
  constructor(@Inject(DB) private readonly db: Database) {}

  async forCampaign(
    campaignId: string,
    q: { limit: number; cursor?: string; status?: MessageStatus },
  ): Promise<MessagePageDto> {
    const key = decodeCursor(q.cursor, 2);
    const where: SQL[] = [eq(messages.campaignId, campaignId)];
    if (q.status) where.push(statusFilter(q.status));
    if (key) {
      const seq = Number(key[0]);
      where.push(or(gt(messages.seq, seq), and(eq(messages.seq, seq), gt(messages.id, String(key[1])))) as SQL);
    }
    const rows = await this.db
      .select(columns)
      .from(messages)
      .innerJoin(campaigns, eq(campaigns.id, messages.campaignId))
      .innerJoin(customers, eq(customers.id, messages.customerId))
      .where(and(...where))
      .orderBy(asc(messages.seq), asc(messages.id))
      .limit(q.limit + 1);
    const page = toPage(rows, q.limit, (r) => [r.m.seq, r.m.id]);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async forCustomer(
    customerId: string,
    q: { limit: number; cursor?: string; status?: MessageStatus },
  ): Promise<MessagePageDto> {
    const key = decodeCursor(q.cursor, 2);
    const where: SQL[] = [eq(messages.customerId, customerId)];
    if (q.status) where.push(statusFilter(q.status));
    if (key) {
      const us = String(key[0]);
      if (!/^\d{1,20}$/.test(us))
        throw new BadRequestException({
          message: 'Invalid cursor',
          details: [{ path: 'cursor', message: 'cursor is malformed or from another listing' }],
        });
      where.push(
        sql`(${queuedUs}::bigint < ${us}::bigint or (${queuedUs}::bigint = ${us}::bigint and ${messages.id} < ${String(key[1])}))`,
      );
    }
    const rows = await this.db
      .select(columns)
      .from(messages)
      .innerJoin(campaigns, eq(campaigns.id, messages.campaignId))
      .innerJoin(customers, eq(customers.id, messages.customerId))
      .where(and(...where))
      .orderBy(desc(messages.queuedAt), desc(messages.id))
      .limit(q.limit + 1);
    const page = toPage(rows, q.limit, (r) => [r.queuedUs, r.m.id]);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async customerExists(id: string): Promise<boolean> {
    const res = await this.db.execute(sql`select 1 from customers where id = ${id}`);
    return rowsOf(res).length > 0;
  }
}
