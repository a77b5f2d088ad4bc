import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, isNotNull, sql, SQL } from 'drizzle-orm';
import { campaigns, keysetPast, rowsOf, segments, type Database, type DbOrTx } from '@mini-crm/db';
import type { CampaignStatus } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import type { CampaignRow } from './campaign.mapper';

export type CampaignPatch = Partial<
  Pick<
    CampaignRow,
    | 'name'
    | 'segmentId'
    | 'channel'
    | 'message'
    | 'subject'
    | 'preheader'
    | 'scheduledAt'
    | 'status'
    | 'statusReason'
    | 'sendingWindow'
    | 'sendAnyTime'
    | 'messageSource'
    | 'aiSuggestion'
    | 'variants'
  >
>;

/** What a send job needs to know about its campaign, read once per batch. */
export interface CampaignDeliveryState {
  id: string;
  status: CampaignStatus;
  channel: 'sms' | 'email';
  message: string;
  subject: string | null;
  preheader: string | null;
  /** The message variants (`campaigns.variants`); null: the message alone. */
  variants: unknown;
  /** The campaign's own sending window; null: the workspace default of its channel. */
  sendingWindow: { start: string; end: string } | null;
  /** True: no window at all, not even the workspace default. */
  sendAnyTime: boolean;
  updatedAt: Date;
}

/** Queries on `campaigns`; every status change is a conditional UPDATE on the expected statuses. */
@Injectable()
export class CampaignsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(values: typeof campaigns.$inferInsert, db: DbOrTx = this.db): Promise<CampaignRow> {
    const [row] = await db.insert(campaigns).values(values).returning();
    return row;
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<(CampaignRow & { segmentName: string | null }) | null> {
    const [row] = await tx
      .select({ campaign: campaigns, segmentName: segments.name })
      .from(campaigns)
      .leftJoin(segments, eq(segments.id, campaigns.segmentId))
      .where(eq(campaigns.id, id))
      .limit(1);
    return row ? { ...row.campaign, segmentName: row.segmentName } : null;
  }

  async list(q: { limit: number; after: [Date, string] | null; status?: string }) {
    const where: SQL[] = [];
    if (q.status) where.push(eq(campaigns.status, q.status));
    if (q.after) where.push(keysetPast('desc', [campaigns.createdAt, campaigns.id], q.after));
    return this.db
      .select({ campaign: campaigns, segmentName: segments.name })
      .from(campaigns)
      .leftJoin(segments, eq(segments.id, campaigns.segmentId))
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
      .limit(q.limit);
  }

  /** The `limit` campaigns launched most recently, newest first. */
  async recentlyStarted(limit: number): Promise<{ id: string; name: string; channel: string; startedAt: Date }[]> {
    const rows = await this.db
      .select({ id: campaigns.id, name: campaigns.name, channel: campaigns.channel, startedAt: campaigns.startedAt })
      .from(campaigns)
      .where(isNotNull(campaigns.startedAt))
      .orderBy(desc(campaigns.startedAt), desc(campaigns.id))
      .limit(limit);
    return rows.map((r) => ({ ...r, startedAt: r.startedAt as Date }));
  }

  /** Applies `patch` only while the campaign is in one of `from`; null when it is not (or does not exist). */
  async updateIf(
    id: string,
    from: readonly CampaignStatus[],
    patch: CampaignPatch & { startedAt?: Date | null; finishedAt?: Date | null },
    tx: DbOrTx = this.db,
  ): Promise<CampaignRow | null> {
    const [row] = await tx
      .update(campaigns)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(campaigns.id, id), inArray(campaigns.status, from as CampaignStatus[])))
      .returning();
    return row ?? null;
  }

  async setAudience(id: string, audience: number, suppressed: number, tx: DbOrTx = this.db): Promise<void> {
    await tx.update(campaigns).set({ audience, suppressed }).where(eq(campaigns.id, id));
  }

  async deleteIf(id: string, from: readonly CampaignStatus[]): Promise<boolean> {
    const rows = await this.db
      .delete(campaigns)
      .where(and(eq(campaigns.id, id), inArray(campaigns.status, from as CampaignStatus[])))
      .returning({ id: campaigns.id });
    return rows.length > 0;
  }

  async deliveryState(id: string): Promise<CampaignDeliveryState | null> {
    const [row] = await this.db
      .select({
        id: campaigns.id,
        status: campaigns.status,
        channel: campaigns.channel,
        message: campaigns.message,
        subject: campaigns.subject,
        preheader: campaigns.preheader,
        variants: campaigns.variants,
        sendingWindow: campaigns.sendingWindow,
        sendAnyTime: campaigns.sendAnyTime,
        updatedAt: campaigns.updatedAt,
      })
      .from(campaigns)
      .where(eq(campaigns.id, id))
      .limit(1);
    return row ? { ...row, status: row.status as CampaignStatus, channel: row.channel as 'sms' | 'email' } : null;
  }

  /** running → completed once no message is left queued. True when this call completed it. */
  async completeIfDone(id: string): Promise<boolean> {
    const res = await this.db.execute(sql`
      update campaigns set status = 'completed', finished_at = now(), updated_at = now()
      where id = ${id} and status = 'running'
        and not exists (select 1 from messages where campaign_id = ${id} and status = 'queued')
      returning id`);
    return rowsOf(res).length > 0;
  }

  async idsWithStatus(
    status: CampaignStatus,
  ): Promise<Array<{ id: string; channel: string; scheduledAt: Date | null }>> {
    return this.db
      .select({ id: campaigns.id, channel: campaigns.channel, scheduledAt: campaigns.scheduledAt })
      .from(campaigns)
      .where(eq(campaigns.status, status));
  }
}
