import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

/** One customer's rows in the tables campaigns own (messages, their receipts, tracked engagement). */
@Injectable()
export class PrivacyRepository {
  constructor(@Inject(DB) readonly db: Database) {}

  async messages(customerId: string): Promise<Record<string, unknown>[]> {
    return rowsOf(
      await this.db.execute(sql`
        select m.id, m.campaign_id as "campaignId", c.name as "campaignName", c.channel, m.recipient,
          m.rendered_text as "renderedText", m.status, m.failure_reason as "failureReason",
          m.queued_at as "queuedAt", m.sent_at as "sentAt", m.delivered_at as "deliveredAt", m.failed_at as "failedAt"
        from messages m join campaigns c on c.id = m.campaign_id
        where m.customer_id = ${customerId} order by m.queued_at, m.id`),
    );
  }

  async messageEvents(customerId: string): Promise<Record<string, unknown>[]> {
    return rowsOf(
      await this.db.execute(sql`
        select e.message_id as "messageId", e.type, e.at, e.meta
        from message_events e join messages m on m.id = e.message_id
        where m.customer_id = ${customerId} order by e.at`),
    );
  }

  async engagementEvents(customerId: string): Promise<Record<string, unknown>[]> {
    return rowsOf(
      await this.db.execute(sql`
        select e.message_id as "messageId", e.campaign_id as "campaignId", e.type, e.at, e.user_agent as "userAgent",
          e.machine, e.machine_reason as "machineReason", l.url
        from engagement_events e left join campaign_links l on l.id = e.link_id
        where e.customer_id = ${customerId} order by e.at, e.id`),
    );
  }

  /**
   * Erasure: messages keep their status and times (campaign counts stay right) but lose the recipient and
   * rendered text; receipts lose their vendor metadata; tracked opens/clicks lose user agent and IP hash.
   */
  async erase(customerId: string, tx: DbOrTx): Promise<{ messages: number }> {
    const res = await tx.execute(sql`
      update messages set recipient = null, rendered_text = null where customer_id = ${customerId} returning 1`);
    await tx.execute(sql`
      update message_events e set meta = null from messages m where m.id = e.message_id and m.customer_id = ${customerId}`);
    await tx.execute(sql`
      update engagement_events set user_agent = null, ip_hash = null where customer_id = ${customerId}`);
    return { messages: rowsOf(res).length };
  }
}
