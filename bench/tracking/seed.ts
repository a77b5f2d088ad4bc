import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '@mini-crm/db';
import { rowsOf } from '@mini-crm/db';

/** One sent email campaign with `n` messages and one tracked link; answers the message ids and the link id. */
export async function seedCampaign(db: Database, n: number): Promise<{ messageIds: string[]; linkId: number }> {
  const segmentId = randomUUID();
  const campaignId = randomUUID();
  await db.execute(
    sql`insert into segments (id, name, rules) values (${segmentId}, 'bench', '{"op":"and","rules":[]}'::jsonb)`,
  );
  await db.execute(sql`
    insert into campaigns (id, name, segment_id, channel, subject, message, status, started_at)
    values (${campaignId}, 'bench tracking', ${segmentId}, 'email', 'Hi', '<a href="https://shop.example.com/sale?a=1&amp;b=2">Sale</a>', 'completed', now())`);
  await db.execute(sql`
    insert into customers (email, first_name, email_status, sms_status)
    select 'bench' || i || '@example.com', 'N' || i, 'subscribed', 'subscribed' from generate_series(1, ${n}) i`);
  const messages = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into messages (campaign_id, customer_id, seq, recipient, status, sent_at, delivered_at)
      select ${campaignId}, id, row_number() over (order by id), email, 'sent', now() - interval '1 hour', now() - interval '1 hour'
      from customers where email like 'bench%@example.com'
      returning id`),
  );
  const [link] = rowsOf<{ id: number }>(
    await db.execute(sql`
      insert into campaign_links (campaign_id, url, position) values (${campaignId}, 'https://shop.example.com/sale?a=1&b=2', 1)
      returning id`),
  );
  return { messageIds: messages.map((m) => m.id), linkId: Number(link.id) };
}
