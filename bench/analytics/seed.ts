import type { Pool, PoolClient } from 'pg';

export interface AnalyticsSeedOptions {
  campaigns: number;
  /** Recipients per campaign (customers); messages = campaigns × recipients. */
  recipients: number;
  /** Engagement events per message. */
  eventsPerMessage: number;
}

export const ANCHOR = '2026-01-01T00:00:00Z';
export const DATA_VERSION = 1;

/**
 * Fast set-based seed (generate_series): customers, one segment, campaigns spread over 60 days from
 * ANCHOR, their messages (10 % failed, 85 % of the rest delivered), engagement events (opens and
 * clicks, about 1 in 6 labelled machine), orders with conversions, and the hourly rollup filled by
 * the same rules the incremental writers follow (sent/delivered/failed at their timestamps, unique
 * human opens/clicks at each message's first human event, conversions at the order's time).
 */
export async function seedAnalyticsBench(pool: Pool, o: AnalyticsSeedOptions, log: (m: string) => void): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`set maintenance_work_mem = '512MB'`);
    await client.query(`set work_mem = '256MB'`);
    await seed(client, o, log);
  } finally {
    client.release();
  }
}

/**
 * Runs `fn` with the table's secondary indexes dropped, then builds them again from their own
 * definitions (pg_indexes): a bulk insert followed by one index build each is several times faster.
 */
async function withoutIndexes(client: PoolClient, table: string, fn: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.tablename = $1 and i.schemaname = current_schema()
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [table],
  );
  for (const r of rows) await client.query(`drop index ${r.indexname}`);
  try {
    await fn();
  } finally {
    for (const r of rows) await client.query(r.indexdef);
  }
}

async function seed(client: PoolClient, o: AnalyticsSeedOptions, log: (m: string) => void): Promise<void> {
  const step = async (what: string, text: string, table?: string) => {
    const t0 = Date.now();
    if (table) await withoutIndexes(client, table, async () => void (await client.query(text)));
    else await client.query(text);
    log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
  await step(
    'emptied',
    'truncate campaign_hourly_stats, conversions, engagement_events, campaign_links, message_events, messages, campaigns, orders, segment_snapshots, segments, customers cascade',
  );
  await step(
    `${o.recipients} customers`,
    `insert into customers (email, first_name, city)
     select 'c' || i || '@bench.test', 'Name' || i, 'Pune' from generate_series(1, ${o.recipients}) i`,
  );
  await step(
    'segment and campaigns',
    `with s as (insert into segments (name, rules) values ('Bench', '{"op":"and","rules":[]}') returning id)
     insert into campaigns (name, segment_id, channel, message, status, started_at, finished_at, message_source, audience)
     select 'Bench ' || k, s.id, case when k % 2 = 0 then 'sms' else 'email' end, 'Hi', 'completed',
       '${ANCHOR}'::timestamptz + (k * interval '60 days' / ${o.campaigns}),
       '${ANCHOR}'::timestamptz + (k * interval '60 days' / ${o.campaigns}) + interval '1 hour',
       case when k % 3 = 0 then 'ai' else 'manual' end, ${o.recipients}
     from s, generate_series(0, ${o.campaigns - 1}) k`,
  );
  await step(
    'segment snapshots',
    `insert into segment_snapshots (segment_id, size, at)
     select s.id, ${o.recipients} - d, '${ANCHOR}'::timestamptz + d * interval '1 day' from segments s, generate_series(0, 59) d`,
  );
  await step(
    'campaign links',
    `insert into campaign_links (campaign_id, url, position) select id, 'https://shop.test/' || name, 1 from campaigns`,
  );
  await step(
    `${o.campaigns * o.recipients} messages`,
    `with c as (select id, started_at, row_number() over (order by started_at) as k from campaigns),
     cu as (select id, row_number() over (order by id) as j from customers)
     insert into messages (campaign_id, customer_id, seq, status, queued_at, sent_at, delivered_at, failed_at)
     select c.id, cu.id, cu.j,
       case when (cu.j * 7 + c.k) % 10 = 0 then 'failed' else 'sent' end,
       c.started_at,
       case when (cu.j * 7 + c.k) % 10 = 0 then null else c.started_at + (cu.j % 3600) * interval '1 second' end,
       case when (cu.j * 7 + c.k) % 10 <> 0 and (cu.j + c.k) % 7 <> 0 then c.started_at + (cu.j % 3600 + 30) * interval '1 second' end,
       case when (cu.j * 7 + c.k) % 10 = 0 then c.started_at + (cu.j % 3600) * interval '1 second' end
     from c cross join cu`,
    'messages',
  );
  await step(
    `${o.eventsPerMessage} engagement events per message`,
    `insert into engagement_events (hit_id, message_id, message_month, campaign_id, customer_id, link_id, type, at, machine, machine_reason)
     select 'h' || m.id || '-' || e, m.id, message_month_of(m.queued_at), m.campaign_id, m.customer_id,
       case when e % 3 = 2 then l.id end,
       case when e % 3 = 2 then 'click' else 'open' end,
       m.queued_at + ((m.seq % 3600) + 60 + e * 1800 + (m.seq % 97) * 600) * interval '1 second',
       (m.seq + e) % 6 = 0, case when (m.seq + e) % 6 = 0 then 'proxy' end
     from messages m join campaign_links l on l.campaign_id = m.campaign_id
     cross join generate_series(0, ${o.eventsPerMessage - 1}) e`,
    'engagement_events',
  );
  await step(
    'first human opens/clicks on messages',
    `update messages m set opened_at = f.o, clicked_at = f.c from (
       select message_id, min(at) filter (where type = 'open') as o, min(at) filter (where type = 'click') as c
       from engagement_events where not machine group by message_id) f
     where m.id = f.message_id`,
    'messages',
  );
  await step(
    'orders and conversions',
    `with o as (
       insert into orders (customer_id, external_id, amount, ordered_at)
       select m.customer_id, 'bench-' || m.id, 100 + (m.seq % 900), m.delivered_at + interval '2 days'
       from messages m where m.delivered_at is not null and m.seq % 50 = 0
       returning id, customer_id, amount, ordered_at, external_id
     )
     insert into conversions (order_id, campaign_id, message_id, customer_id, revenue, touch, ordered_at)
     select o.id, m.campaign_id, m.id, o.customer_id, o.amount, case when m.clicked_at is not null then 'click' else 'delivery' end, o.ordered_at
     from o join messages m on m.id = substring(o.external_id from 7)::uuid`,
  );
  await step(
    'hourly rollup',
    `insert into campaign_hourly_stats (campaign_id, hour, channel, sent, delivered, failed, opens, unique_opens, machine_opens, clicks, unique_clicks, machine_clicks, conversions, revenue)
     select e.campaign_id, date_trunc('hour', e.at, 'UTC'), min(c.channel), sum(sent), sum(delivered), sum(failed), sum(opens), sum(uopens),
       sum(mopens), sum(clicks), sum(uclicks), sum(mclicks), sum(conv), sum(rev)
     from (
       select campaign_id, sent_at as at, 1 as sent, 0 as delivered, 0 as failed, 0 as opens, 0 as uopens, 0 as mopens, 0 as clicks, 0 as uclicks, 0 as mclicks, 0 as conv, 0::numeric as rev
         from messages where status not in ('queued', 'failed')
       union all select campaign_id, delivered_at, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 from messages where status <> 'failed' and delivered_at is not null
       union all select campaign_id, failed_at, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 from messages where status = 'failed'
       union all select campaign_id, at, 0, 0, 0, (type = 'open' and not machine)::int, 0, (type = 'open' and machine)::int,
         (type = 'click' and not machine)::int, 0, (type = 'click' and machine)::int, 0, 0 from engagement_events
       union all select campaign_id, min(at), 0, 0, 0, 0, (type = 'open')::int, 0, 0, (type = 'click')::int, 0, 0, 0
         from engagement_events where not machine group by campaign_id, message_id, type
       union all select campaign_id, ordered_at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, revenue from conversions
     ) e join campaigns c on c.id = e.campaign_id
     group by 1, 2`,
  );
  await step(
    'analyze',
    'analyze customers, campaigns, messages, engagement_events, conversions, campaign_hourly_stats',
  );
}
