import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@mini-crm/db';
import { rollupUpsert } from '@mini-crm/api/campaigns';

/**
 * Conversions: which campaign earned each order. Set-based over the given orders, in the booking
 * transaction: for each order, the customer's latest click (`messages.clicked_at`) within the window
 * before the order wins; without one, the latest delivery (`delivered_at`, message not failed) within
 * the window. Last touch wins between campaigns. The insert is keyed by order id (a re-booked or
 * re-attributed order is a no-op) and adds `conversions` and `revenue` to the campaign's rollup in
 * the hour of `ordered_at`, in the same statement.
 */
/** One order a campaign earned, as `attribute` recorded it. */
export interface AttributedOrder {
  orderId: string;
  campaignId: string;
  messageId: string;
  customerId: string;
  revenue: number;
  touch: 'click' | 'delivery';
  orderedAt: string;
}

@Injectable()
export class AttributionRepository {
  async attribute(db: DbOrTx, orderIds: readonly string[], windowDays: number): Promise<AttributedOrder[]> {
    if (!orderIds.length) return [];
    const ids = sql.param([...orderIds]);
    const res = await db.execute(sql`
      with o as (
        select id, customer_id, amount, ordered_at from orders where id = any(${ids}::uuid[])
      ), touch as (
        select o.id as order_id, o.customer_id, o.amount, o.ordered_at, t.message_id, t.campaign_id, t.kind
        from o cross join lateral (
          select * from (
            (select m.id as message_id, m.campaign_id, 'click' as kind, 0 as pri from messages m
              where m.customer_id = o.customer_id and m.clicked_at is not null
                and m.clicked_at <= o.ordered_at and m.clicked_at > o.ordered_at - make_interval(days => ${windowDays}::int)
              order by m.clicked_at desc, m.id desc limit 1)
            union all
            (select m.id, m.campaign_id, 'delivery', 1 from messages m
              where m.customer_id = o.customer_id and m.delivered_at is not null and m.status <> 'failed'
                and m.delivered_at <= o.ordered_at and m.delivered_at > o.ordered_at - make_interval(days => ${windowDays}::int)
              order by m.delivered_at desc, m.id desc limit 1)
          ) c order by pri limit 1
        ) t
      ), ins as (
        insert into conversions (order_id, campaign_id, message_id, customer_id, revenue, touch, ordered_at)
        select order_id, campaign_id, message_id, customer_id, amount, kind, ordered_at from touch
        on conflict (order_id) do nothing
        returning order_id, campaign_id, message_id, customer_id, revenue, touch, ordered_at
      ), r as (${rollupUpsert(sql`select campaign_id, ordered_at as at, 1 as conversions, revenue from ins`, ['conversions', 'revenue'])})
      select order_id as "orderId", campaign_id as "campaignId", message_id as "messageId", customer_id as "customerId",
             revenue::float8 as revenue, touch,
             to_char(ordered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "orderedAt"
        from ins`);
    return rowsOf<AttributedOrder>(res);
  }
}
