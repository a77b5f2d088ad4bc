import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, sql, SQL } from 'drizzle-orm';
import { campaigns, customers, keysetPast, messages, rowsOf, type Database } from '@mini-crm/db';
import type { EngagementFilter, MessageStatus } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { engagementFilter } from '../engagement/engagement-filter.util';

/** Microseconds since the epoch as text: a JS Date would drop the µs part and break the keyset. */
const queuedUs = sql<string>`(extract(epoch from ${messages.queuedAt}) * 1000000)::bigint::text`;

/**
 * What a message shows as its status: engagement is kept in timestamps (see applyReceipts), so
 * delivered / opened / clicked are read from them; `status` itself is queued, sent or failed.
 */
export const displayStatus = sql<string>`case when ${messages.status} in ('queued', 'failed') then ${messages.status}
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

export type MessageLogRow = {
  m: typeof messages.$inferSelect;
  displayStatus: string;
  /** `queuedAt` in microseconds since the epoch, as text (the per-customer keyset). */
  queuedUs: string;
  campaignName: string | null;
  firstName: string | null;
  lastName: string | null;
};

/** Reads of the communication log: messages with their campaign's name and their customer's name. */
@Injectable()
export class MessageLogRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** One page plus one row of a campaign's messages in send order (seq, id), after `after`. */
  async forCampaign(
    campaignId: string,
    q: { limit: number; status?: MessageStatus; engagement?: EngagementFilter; after: [number, string] | null },
  ): Promise<MessageLogRow[]> {
    const where: SQL[] = [eq(messages.campaignId, campaignId)];
    if (q.status) where.push(statusFilter(q.status));
    if (q.engagement) where.push(engagementFilter(q.engagement));
    if (q.after) where.push(keysetPast('asc', [messages.seq, messages.id], q.after));
    return this.page(where, [asc(messages.seq), asc(messages.id)], q.limit);
  }

  /** One page plus one row of a customer's messages, newest first, before `before` (µs text, id). */
  async forCustomer(
    customerId: string,
    q: { limit: number; status?: MessageStatus; before: [string, string] | null },
  ): Promise<MessageLogRow[]> {
    const where: SQL[] = [eq(messages.customerId, customerId)];
    if (q.status) where.push(statusFilter(q.status));
    if (q.before) {
      const [us, id] = q.before;
      where.push(
        sql`(${queuedUs}::bigint < ${us}::bigint or (${queuedUs}::bigint = ${us}::bigint and ${messages.id} < ${id}))`,
      );
    }
    return this.page(where, [desc(messages.queuedAt), desc(messages.id)], q.limit);
  }

  /** The rows matching `where` with their campaign's and customer's names, in `order`, one more than `limit`. */
  private page(where: SQL[], order: SQL[], limit: number): Promise<MessageLogRow[]> {
    return this.db
      .select(columns)
      .from(messages)
      .innerJoin(campaigns, eq(campaigns.id, messages.campaignId))
      .innerJoin(customers, eq(customers.id, messages.customerId))
      .where(and(...where))
      .orderBy(...order)
      .limit(limit + 1);
  }

  async customerExists(id: string): Promise<boolean> {
    const res = await this.db.execute(sql`select 1 from customers where id = ${id}`);
    return rowsOf(res).length > 0;
  }
}
