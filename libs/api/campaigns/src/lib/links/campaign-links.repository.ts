import { Inject, Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import { campaignLinks, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export interface CampaignLink {
  id: number;
  campaignId: string;
  url: string;
}

/** The distinct URLs a campaign's messages link to; rows never change once written. */
@Injectable()
export class CampaignLinksRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Records a launch's links in order (a relaunch keeps the rows it already has). */
  async addAll(campaignId: string, urls: readonly string[], db: DbOrTx = this.db): Promise<void> {
    if (!urls.length) return;
    await db
      .insert(campaignLinks)
      .values(urls.map((url, i) => ({ campaignId, url, position: i + 1 })))
      .onConflictDoNothing();
  }

  async forCampaign(campaignId: string): Promise<CampaignLink[]> {
    return this.db
      .select({ id: campaignLinks.id, campaignId: campaignLinks.campaignId, url: campaignLinks.url })
      .from(campaignLinks)
      .where(eq(campaignLinks.campaignId, campaignId))
      .orderBy(asc(campaignLinks.position));
  }

  async byId(id: number): Promise<CampaignLink | null> {
    const [row] = await this.db
      .select({ id: campaignLinks.id, campaignId: campaignLinks.campaignId, url: campaignLinks.url })
      .from(campaignLinks)
      .where(eq(campaignLinks.id, id))
      .limit(1);
    return row ?? null;
  }
}
