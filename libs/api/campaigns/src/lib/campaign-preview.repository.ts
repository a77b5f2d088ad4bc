import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import type { CampaignChannel } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { eligibleOn } from './messages/messages.repository';
import { tokenSelectList } from './template/token-columns.util';

/** A sample recipient: the customer's id, name and address, plus the `t0…tn` token columns. */
export type PreviewSampleRow = Record<string, unknown> & {
  customer_id: string;
  first_name: string | null;
  last_name: string | null;
  recipient: string | null;
};

/** Reads behind a campaign preview: the segment's audience counts and sample recipients. */
@Injectable()
export class CampaignPreviewRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Customers the predicate matches, and how many of them can receive on `channel`. */
  async audienceCounts(predicate: SQL, channel: CampaignChannel): Promise<{ matched: number; audience: number }> {
    const res = await this.db.execute(sql`
      select count(*)::int as matched, count(*) filter (where ${eligibleOn(channel)})::int as audience
      from customers where ${predicate}`);
    const [row] = rowsOf<{ matched: number; audience: number }>(res);
    return { matched: Number(row.matched), audience: Number(row.audience) };
  }

  /** The first `limit` eligible customers in id order, with the columns the message's tokens need. */
  async samples(
    predicate: SQL,
    channel: CampaignChannel,
    tokens: readonly string[],
    limit: number,
  ): Promise<PreviewSampleRow[]> {
    const recipient = channel === 'sms' ? sql`customers.phone` : sql`customers.email`;
    const res = await this.db.execute(sql`
      select customers.id as customer_id, customers.first_name, customers.last_name, ${recipient} as recipient ${tokenSelectList(tokens)}
      from customers where (${predicate}) and ${eligibleOn(channel)}
      order by customers.id limit ${limit}`);
    return rowsOf<PreviewSampleRow>(res);
  }

  /** One customer (any consent: a test send only borrows their data) with the token columns; null when unknown. */
  async customer(
    customerId: string,
    channel: CampaignChannel,
    tokens: readonly string[],
  ): Promise<PreviewSampleRow | null> {
    const recipient = channel === 'sms' ? sql`customers.phone` : sql`customers.email`;
    const res = await this.db.execute(sql`
      select customers.id as customer_id, customers.first_name, customers.last_name, ${recipient} as recipient ${tokenSelectList(tokens)}
      from customers where customers.id = ${customerId}`);
    return rowsOf<PreviewSampleRow>(res)[0] ?? null;
  }
}
