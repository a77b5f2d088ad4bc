import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, lt, ne, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookMessages, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type WebhookMessageRow = typeof webhookMessages.$inferSelect;
export type NewWebhookMessage = Pick<
  typeof webhookMessages.$inferInsert,
  'id' | 'endpointId' | 'sourceKey' | 'eventType' | 'payload'
>;

export interface DeliveryAttempt {
  endpointId: string;
  messageId: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** webhook_messages (one event for one endpoint) and webhook_deliveries (the log, one row per attempt). */
@Injectable()
export class WebhookMessagesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * Inserts the messages; one already made from the same source event for the same endpoint (a
   * replayed stream entry) is kept as it is. Answers the ids of all of them, new or kept.
   */
  async upsert(rows: NewWebhookMessage[]): Promise<string[]> {
    if (!rows.length) return [];
    const inserted = await this.db
      .insert(webhookMessages)
      .values(rows)
      .onConflictDoUpdate({
        target: [webhookMessages.endpointId, webhookMessages.sourceKey],
        set: { sourceKey: sql`excluded.source_key` },
      })
      .returning({ id: webhookMessages.id });
    return inserted.map((r) => r.id);
  }

  async get(id: string): Promise<WebhookMessageRow | null> {
    const [row] = await this.db.select().from(webhookMessages).where(eq(webhookMessages.id, id)).limit(1);
    return row ?? null;
  }

  /** Claims the next attempt number (concurrent attempts of one message get distinct numbers). */
  async nextAttempt(id: string): Promise<number> {
    const [row] = await this.db
      .update(webhookMessages)
      .set({ attempts: sql`${webhookMessages.attempts} + 1` })
      .where(eq(webhookMessages.id, id))
      .returning({ attempts: webhookMessages.attempts });
    return row?.attempts ?? 0;
  }

  async setStatus(id: string, status: 'pending' | 'delivered' | 'failed' | 'dropped'): Promise<void> {
    await this.db.update(webhookMessages).set({ status }).where(eq(webhookMessages.id, id));
  }

  /**
   * Deletes settled events (delivered, failed, dropped) created before `before`; their attempt log
   * goes with them (cascade). Events still pending are kept whatever their age. Answers how many.
   */
  async deleteSettledBefore(before: Date): Promise<number> {
    const gone = await this.db
      .delete(webhookMessages)
      .where(and(lt(webhookMessages.createdAt, before), ne(webhookMessages.status, 'pending')))
      .returning({ id: webhookMessages.id });
    return gone.length;
  }

  async logAttempt(a: DeliveryAttempt): Promise<void> {
    await this.db.insert(webhookDeliveries).values(a);
  }

  /** An endpoint's attempts, newest first, keyset on the (time-ordered) id. */
  deliveries(endpointId: string, limit: number, before: string | null) {
    return this.db
      .select({
        id: webhookDeliveries.id,
        messageId: webhookDeliveries.messageId,
        eventType: webhookMessages.eventType,
        attempt: webhookDeliveries.attempt,
        ok: webhookDeliveries.ok,
        statusCode: webhookDeliveries.statusCode,
        durationMs: webhookDeliveries.durationMs,
        responseExcerpt: webhookDeliveries.responseExcerpt,
        error: webhookDeliveries.error,
        at: webhookDeliveries.at,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
      .where(and(eq(webhookDeliveries.endpointId, endpointId), before ? lt(webhookDeliveries.id, before) : undefined))
      .orderBy(desc(webhookDeliveries.id))
      .limit(limit + 1);
  }

  async delivery(endpointId: string, id: string): Promise<{ messageId: string } | null> {
    const [row] = await this.db
      .select({ messageId: webhookDeliveries.messageId })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)))
      .limit(1);
    return row ?? null;
  }
}
