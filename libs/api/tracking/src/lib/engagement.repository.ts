import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';
import { rollupUpsert } from '@mini-crm/api/campaigns';

export interface EngagementEventRow {
  hitId: string;
  messageId: string;
  linkId: number | null;
  type: 'open' | 'click';
  at: Date;
  userAgent: string | null;
  ipHash: string | null;
  machine: boolean;
  machineReason: string | null;
}

export interface MessageContext {
  id: string;
  /** delivered_at, else sent_at, in ms; null before either is known. */
  reachedAt: number | null;
  linkCount: number;
  /** Stored clicks of the message since the asked time. */
  clicks: { hitId: string; linkId: number; at: number; machine: boolean }[];
}

export interface RecordResult {
  inserted: number;
  relabelled: number;
  /** The human opens and clicks this batch stored (what outgoing webhooks announce). */
  human: HumanEngagement[];
}

export interface HumanEngagement {
  messageId: string;
  campaignId: string;
  customerId: string;
  linkId: number | null;
  type: 'open' | 'click';
  at: string;
}

/** engagement_events: tracked opens and clicks, and what they change (message/customer timestamps, rollups). */
@Injectable()
export class EngagementRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** What the machine rules need about the messages of a batch. */
  async context(messageIds: readonly string[], clicksSince: Date): Promise<Map<string, MessageContext>> {
    if (!messageIds.length) return new Map();
    const res = await this.db.execute(sql`
      select m.id, coalesce(m.delivered_at, m.sent_at) as reached_at,
        (select count(*) from campaign_links l where l.campaign_id = m.campaign_id)::int as link_count,
        coalesce((select json_agg(json_build_object('h', e.hit_id, 'l', e.link_id, 'at', e.at, 'm', e.machine))
          from engagement_events e
          where e.message_id = m.id and e.message_month = message_month_of(m.queued_at) -- one partition, not all
            and e.type = 'click' and e.at >= ${clicksSince.toISOString()}::timestamptz), '[]'::json) as clicks
      from messages m where m.id in (select unnest(${`{${messageIds.join(',')}}`}::uuid[]))`);
    const out = new Map<string, MessageContext>();
    for (const r of rowsOf<Record<string, unknown>>(res)) {
      const raw = typeof r['clicks'] === 'string' ? JSON.parse(r['clicks'] as string) : r['clicks'];
      out.set(String(r['id']), {
        id: String(r['id']),
        reachedAt: r['reached_at'] ? new Date(r['reached_at'] as string).getTime() : null,
        linkCount: Number(r['link_count']),
        clicks: (raw as { h: string; l: number; at: string; m: boolean }[]).map((c) => ({
          hitId: c.h,
          linkId: Number(c.l),
          at: new Date(c.at).getTime(),
          machine: c.m,
        })),
      });
    }
    return out;
  }

  /**
   * One statement per batch: inserts the events (a replayed hit id is a no-op; hits of unknown
   * messages or of links not of the message's campaign are dropped), sets the message's first
   * human open/click and the customer's last ones, relabels stored clicks found to be part of a
   * scanner burst, and adds it all to the hourly rollup. Unique = the message's first human open/click.
   */
  async record(events: readonly EngagementEventRow[], relabel: readonly string[]): Promise<RecordResult> {
    if (!events.length && !relabel.length) return { inserted: 0, relabelled: 0, human: [] };
    const json = JSON.stringify(
      events.map((e) => ({
        hit_id: e.hitId,
        message_id: e.messageId,
        link_id: e.linkId,
        type: e.type,
        at: e.at.toISOString(),
        user_agent: e.userAgent,
        ip_hash: e.ipHash,
        machine: e.machine,
        machine_reason: e.machineReason,
      })),
    );
    const source = sql`
      select campaign_id, at,
        (type = 'open' and not machine)::int as opens, 0 as unique_opens, (type = 'open' and machine)::int as machine_opens,
        (type = 'click' and not machine)::int as clicks, 0 as unique_clicks, (type = 'click' and machine)::int as machine_clicks
      from ins
      union all select campaign_id, at, 0, 1, 0, 0, 0, 0 from first_opened
      union all select campaign_id, at, 0, 0, 0, 0, 1, 0 from first_clicked
      union all select campaign_id, at, 0, 0, 0, -1, 0, 1 from rel
      union all select campaign_id, at, 0, 0, 0, 0, -1, 0 from unclicked`;
    const res = await this.db.execute(sql`
      with v as (
        select * from jsonb_to_recordset(${json}::jsonb) as v(hit_id text, message_id uuid, link_id int, type text,
          at timestamptz, user_agent text, ip_hash text, machine boolean, machine_reason text)
      ), ins as (
        insert into engagement_events (hit_id, message_id, message_month, campaign_id, customer_id, link_id, type, at, user_agent, ip_hash, machine, machine_reason)
        select v.hit_id, v.message_id, message_month_of(m.queued_at), m.campaign_id, m.customer_id, l.id, v.type, v.at, v.user_agent, v.ip_hash, v.machine, v.machine_reason
        from v join messages m on m.id = v.message_id
          left join campaign_links l on l.id = v.link_id and l.campaign_id = m.campaign_id
        where v.type = 'open' or l.id is not null
        on conflict (hit_id, message_month) do nothing
        returning message_id, campaign_id, customer_id, link_id, type, at, machine
      ), rel as (
        update engagement_events e set machine = true, machine_reason = 'scanner_burst'
        where e.hit_id in (select unnest(${`{${relabel.map((h) => `"${h}"`).join(',')}}`}::text[])) and not e.machine
        returning e.message_id, e.campaign_id, e.at
      ), human as (
        select message_id, campaign_id,
          min(at) filter (where type = 'open') as o_at, min(at) filter (where type = 'click') as c_at
        from ins where not machine group by message_id, campaign_id
      ), stamped as (
        -- One update per message row (a row updated twice in one statement keeps only one change).
        update messages m set
          opened_at = coalesce(m.opened_at, h.o_at),
          clicked_at = coalesce(m.clicked_at, h.c_at)
        from human h
        where m.id = h.message_id and m.id not in (select message_id from rel)
          and ((h.o_at is not null and m.opened_at is null) or (h.c_at is not null and m.clicked_at is null))
        returning m.campaign_id, h.o_at, h.c_at, m.opened_at = h.o_at as new_open, m.clicked_at = h.c_at as new_click
      ), first_opened as (
        select campaign_id, o_at as at from stamped where new_open
      ), first_clicked as (
        select campaign_id, c_at as at from stamped where new_click
      ), unclicked as (
        -- A relabelled click that was the message's first human click takes the unique click back.
        update messages m set clicked_at = null from (select distinct message_id, campaign_id, at from rel) r
        where m.id = r.message_id and m.clicked_at = r.at
        returning r.campaign_id, r.at
      ), cust as (
        update customers c set last_opened_at = greatest(c.last_opened_at, x.o_at), last_clicked_at = greatest(c.last_clicked_at, x.c_at),
          updated_at = now()
        from (select customer_id, max(at) filter (where type = 'open') as o_at, max(at) filter (where type = 'click') as c_at
              from ins where not machine group by customer_id) x
        where c.id = x.customer_id
        returning 1
      ), roll as (
        ${rollupUpsert(source, ['opens', 'unique_opens', 'machine_opens', 'clicks', 'unique_clicks', 'machine_clicks'])}
      )
      select (select count(*) from ins)::int as inserted, (select count(*) from rel)::int as relabelled,
        (select count(*) from cust)::int as customers,
        (select coalesce(json_agg(json_build_object('messageId', message_id, 'campaignId', campaign_id,
            'customerId', customer_id, 'linkId', link_id, 'type', type, 'at', at)), '[]'::json)
          from ins where not machine) as human`);
    const row = rowsOf<Record<string, unknown>>(res)[0] ?? {};
    const human = typeof row['human'] === 'string' ? JSON.parse(row['human']) : (row['human'] ?? []);
    return {
      inserted: Number(row['inserted'] ?? 0),
      relabelled: Number(row['relabelled'] ?? 0),
      human: human as HumanEngagement[],
    };
  }
}
