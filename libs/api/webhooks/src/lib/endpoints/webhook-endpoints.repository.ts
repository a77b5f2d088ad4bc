import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, webhookEndpoints, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

/** webhook_endpoints: subscriptions, their sealed secrets and their failure run. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@Inject(DB) readonly db: Database) {}

  list(): Promise<WebhookEndpointRow[]> {
    return this.db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  }

  /** Enabled endpoints (the fan-out reads them once per batch of events). */
  listEnabled(): Promise<WebhookEndpointRow[]> {
    return this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true));
  }

  async get(id: string, tx: DbOrTx = this.db): Promise<WebhookEndpointRow | null> {
    const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
    return row ?? null;
  }

  async insert(values: typeof webhookEndpoints.$inferInsert, tx: DbOrTx): Promise<WebhookEndpointRow> {
    const [row] = await tx.insert(webhookEndpoints).values(values).returning();
    return row;
  }

  async update(
    id: string,
    values: Partial<typeof webhookEndpoints.$inferInsert>,
    tx: DbOrTx,
  ): Promise<WebhookEndpointRow | null> {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    return row ?? null;
  }

  async delete(id: string, tx: DbOrTx): Promise<WebhookEndpointRow | null> {
    const [row] = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning();
    return row ?? null;
  }

  /** A successful attempt ends the failure run. */
  async succeeded(id: string): Promise<void> {
    await this.db
      .update(webhookEndpoints)
      .set({ consecutiveFailures: 0 })
      .where(and(eq(webhookEndpoints.id, id), sql`${webhookEndpoints.consecutiveFailures} <> 0`));
  }

  /**
   * Counts a failed attempt; when the run reaches `limit` the endpoint is disabled in the same
   * statement. Answers the run's length and whether this call disabled it.
   */
  async failed(id: string, limit: number, reason: string): Promise<{ failures: number; disabled: boolean }> {
    const res = await this.db.execute(sql`
      with old as (select enabled from webhook_endpoints where id = ${id} for update)
      update webhook_endpoints e set
        consecutive_failures = e.consecutive_failures + 1,
        enabled = e.enabled and e.consecutive_failures + 1 < ${limit},
        disabled_reason = case when e.enabled and e.consecutive_failures + 1 >= ${limit} then ${reason} else e.disabled_reason end,
        updated_at = case when e.enabled and e.consecutive_failures + 1 >= ${limit} then now() else e.updated_at end
      from old where e.id = ${id}
      returning e.consecutive_failures, old.enabled and not e.enabled as disabled`);
    const row = rowsOf<{ consecutive_failures: number; disabled: boolean }>(res)[0];
    return { failures: Number(row?.consecutive_failures ?? 0), disabled: row?.disabled === true };
  }
}
