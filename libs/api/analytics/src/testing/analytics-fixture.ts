import { sql } from 'drizzle-orm';
import { customers, rowsOf, type Database } from '@mini-crm/db';
import type { TestApp } from '@mini-crm/api/testing';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

export interface MessageSeed {
  campaignId: string;
  customerId: string;
  status: 'sent' | 'failed';
  deliveredAt?: Date;
  clickedAt?: Date;
  openedAt?: Date;
  /** failed: when; sent: defaults to a minute before delivery (or the base). */
  at: Date;
}

/** Customers with the given emails (subscribed on both channels, city Pune); answers their ids by email. */
export async function seedCustomers(db: Database, emails: string[]): Promise<Record<string, string>> {
  const rows = await db
    .insert(customers)
    .values(emails.map((email, i) => ({ email, phone: `+9199${String(10_000_000 + i)}`, city: 'Pune' })))
    .returning({ id: customers.id, email: customers.email });
  return Object.fromEntries(rows.map((r) => [r.email as string, r.id]));
}

/** Messages as the delivery path leaves them (status and timestamps). Answers their ids. */
export async function seedMessages(db: Database, seeds: MessageSeed[]): Promise<string[]> {
  const json = JSON.stringify(
    seeds.map((s) => ({
      c: s.campaignId,
      u: s.customerId,
      st: s.status,
      sent: s.status === 'sent' ? s.at.toISOString() : null,
      failed: s.status === 'failed' ? s.at.toISOString() : null,
      d: s.deliveredAt?.toISOString() ?? null,
      o: s.openedAt?.toISOString() ?? null,
      k: s.clickedAt?.toISOString() ?? null,
    })),
  );
  const res = await db.execute(sql`
    insert into messages (campaign_id, customer_id, status, sent_at, failed_at, delivered_at, opened_at, clicked_at, queued_at)
    select c, u, st, sent, failed, d, o, k, coalesce(sent, failed) from jsonb_to_recordset(${json}::jsonb)
      as v(c uuid, u uuid, st text, sent timestamptz, failed timestamptz, d timestamptz, o timestamptz, k timestamptz)
    returning id`);
  return rowsOf<{ id: string }>(res).map((r) => r.id);
}

/**
 * Fills the sent/delivered/failed rollup from `messages` the way the delivery path does
 * incrementally (hour of sent_at, delivered_at, failed_at), for messages seeded directly.
 */
export async function rollupDeliveryFromMessages(db: Database): Promise<void> {
  await db.execute(sql`
    insert into campaign_hourly_stats as s (campaign_id, hour, channel, sent, delivered, failed)
    select e.campaign_id, date_trunc('hour', e.at, 'UTC'), min(c.channel), sum(e.sent), sum(e.delivered), sum(e.failed)
    from (
      select campaign_id, sent_at as at, 1 as sent, 0 as delivered, 0 as failed from messages where status not in ('queued', 'failed')
      union all select campaign_id, delivered_at, 0, 1, 0 from messages where status <> 'failed' and delivered_at is not null
      union all select campaign_id, failed_at, 0, 0, 1 from messages where status = 'failed'
    ) e join campaigns c on c.id = e.campaign_id
    group by 1, 2
    on conflict (campaign_id, hour) do update set sent = s.sent + excluded.sent,
      delivered = s.delivered + excluded.delivered, failed = s.failed + excluded.failed`);
}

/** Human and machine opens/clicks and their rollup counters, as the tracking consumer records them. */
export async function seedEngagement(
  db: Database,
  events: {
    messageId: string;
    type: 'open' | 'click';
    at: Date;
    machine?: boolean;
    linkId?: number | null;
  }[],
): Promise<void> {
  const json = JSON.stringify(
    events.map((e, i) => ({
      h: `hit-${i}-${e.messageId}-${e.at.getTime()}`,
      m: e.messageId,
      t: e.type,
      a: e.at.toISOString(),
      x: e.machine ?? false,
      l: e.linkId ?? null,
    })),
  );
  await db.execute(sql`
    with v as (select * from jsonb_to_recordset(${json}::jsonb) as v(h text, m uuid, t text, a timestamptz, x boolean, l int)),
    ins as (
      insert into engagement_events (hit_id, message_id, message_month, campaign_id, customer_id, link_id, type, at, machine)
      select v.h, v.m, message_month_of(m.queued_at), m.campaign_id, m.customer_id, v.l, v.t, v.a, v.x from v join messages m on m.id = v.m
      returning message_id, campaign_id, type, at, machine
    ), firsts as (
      select message_id, type, min(at) as at from ins where not machine group by 1, 2
    ), d as (
      select campaign_id, at, (type = 'open' and not machine)::int as opens, 0 as unique_opens, (type = 'open' and machine)::int as machine_opens,
        (type = 'click' and not machine)::int as clicks, 0 as unique_clicks, (type = 'click' and machine)::int as machine_clicks from ins
      union all
      select m.campaign_id, f.at, 0, (f.type = 'open')::int, 0, 0, (f.type = 'click')::int, 0 from firsts f join messages m on m.id = f.message_id
    )
    insert into campaign_hourly_stats as s (campaign_id, hour, channel, opens, unique_opens, machine_opens, clicks, unique_clicks, machine_clicks)
    select d.campaign_id, date_trunc('hour', d.at, 'UTC'), min(c.channel), sum(opens), sum(unique_opens), sum(machine_opens), sum(clicks), sum(unique_clicks), sum(machine_clicks)
    from d join campaigns c on c.id = d.campaign_id group by 1, 2
    on conflict (campaign_id, hour) do update set opens = s.opens + excluded.opens, unique_opens = s.unique_opens + excluded.unique_opens,
      machine_opens = s.machine_opens + excluded.machine_opens, clicks = s.clicks + excluded.clicks,
      unique_clicks = s.unique_clicks + excluded.unique_clicks, machine_clicks = s.machine_clicks + excluded.machine_clicks`);
}

export async function createSegment(t: TestApp, token: string, name: string): Promise<string> {
  const res = await t.request('POST', '/api/segment-rules', {
    token,
    body: { name, rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] } },
  });
  if (res.status !== 201) throw new Error(`segment: ${res.status} ${res.text}`);
  return res.body.id;
}

export async function importOrders(t: TestApp, token: string, csv: string): Promise<Record<string, unknown>> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'orders.csv');
  form.append('kind', 'orders');
  const res = await t.request('POST', '/api/imports', { token, raw: form });
  if (res.status !== 202) throw new Error(`import: ${res.status} ${res.text}`);
  const until = Date.now() + 60_000;
  for (;;) {
    const job = await t.request('GET', `/api/imports/${res.body.id}`, { token });
    if (['completed', 'failed', 'cancelled'].includes(job.body.status)) return job.body;
    if (Date.now() > until) throw new Error(`import still ${job.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function q<T = Record<string, unknown>>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}
