import { sql, type SQL } from 'drizzle-orm';
import { messages } from '@mini-crm/db';
import type { EngagementFilter } from '@mini-crm/contracts';

/** Handed to the vendor and not failed: the campaign reached the customer (as in segment conditions). */
const received = sql`(${messages.status} <> 'queued' and ${messages.status} <> 'failed')`;

/**
 * A campaign's messages by engagement, over the `messages` table: the same meaning as the segment
 * operators of `campaign_engagement` (opened_at / clicked_at hold the first human open / click), plus
 * `failed`. `converted` reads the conversions attributed to the message (conversions_message_idx).
 */
export function engagementFilter(filter: EngagementFilter): SQL {
  switch (filter) {
    case 'received':
      return received;
    case 'delivered':
      return sql`(${received} and ${messages.deliveredAt} is not null)`;
    case 'opened':
      return sql`(${received} and ${messages.openedAt} is not null)`;
    case 'clicked':
      return sql`(${received} and ${messages.clickedAt} is not null)`;
    case 'not_opened':
      return sql`(${received} and ${messages.openedAt} is null)`;
    case 'not_clicked':
      return sql`(${received} and ${messages.clickedAt} is null)`;
    case 'converted':
      return sql`exists (select 1 from conversions conv_f where conv_f.message_id = ${messages.id})`;
    case 'failed':
      return sql`${messages.status} = 'failed'`;
  }
}
