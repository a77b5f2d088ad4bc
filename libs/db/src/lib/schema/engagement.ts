import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaigns, messages } from './campaigns';
import { customers, orders } from './customers';

/** Each distinct URL a campaign's messages link to; tracked codes name a row by its integer id. */
export const campaignLinks = pgTable(
  'campaign_links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** Order of first appearance in the message (1-based). */
    position: integer('position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('campaign_links_campaign_url_uq').on(t.campaignId, t.url)],
);

/**
 * Opens and clicks we tracked ourselves. `machine` labels proxy/scanner/prefetch traffic (kept, not hidden).
 * Partitioned by month of the message like message_events (`message_month`; migration 0024).
 */
export const engagementEvents = pgTable(
  'engagement_events',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    /** The buffer's entry id (Redis stream id): a replayed entry is a conflict, hence a no-op. */
    hitId: text('hit_id').notNull(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    messageMonth: date('message_month').notNull(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    linkId: integer('link_id').references(() => campaignLinks.id, { onDelete: 'cascade' }),
    /** `open` | `click` */
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    /** HMAC of the client IP with a server secret; the raw IP is never stored. */
    ipHash: text('ip_hash'),
    machine: boolean('machine').notNull().default(false),
    /** Why it was labelled machine: `proxy`, `prefetch`, `head`, `too_fast`, `scanner_burst`, `bot_agent`. */
    machineReason: text('machine_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.messageMonth] }),
    uniqueIndex('engagement_events_hit_uq').on(t.hitId, t.messageMonth),
    index('engagement_events_campaign_idx').on(t.campaignId, t.at),
    index('engagement_events_customer_idx').on(t.customerId, t.at),
    index('engagement_events_message_idx').on(t.messageId, t.at),
    index('engagement_events_link_idx')
      .on(t.linkId)
      .where(sql`${t.linkId} is not null`),
  ],
);

/** An order attributed to the campaign that last reached (or was clicked by) its customer within the window. */
export const conversions = pgTable(
  'conversions',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    revenue: numeric('revenue', { precision: 14, scale: 2 }).notNull(),
    /** `click` or `delivery`: what earned the attribution. */
    touch: text('touch').notNull(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conversions_campaign_idx').on(t.campaignId, t.orderedAt),
    index('conversions_message_idx').on(t.messageId),
    index('conversions_customer_idx').on(t.customerId, t.orderedAt),
  ],
);

/**
 * Campaign counters per hour, kept up to date incrementally by the statements that change them
 * (sends, receipts, tracked hits, attributions, unsubscribes). Day buckets are sums of hours.
 * Unique counts are per message (the hour of its first human open/click), so they add up.
 */
export const campaignHourlyStats = pgTable(
  'campaign_hourly_stats',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    channel: text('channel').notNull(),
    sent: integer('sent').notNull().default(0),
    delivered: integer('delivered').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    opens: integer('opens').notNull().default(0),
    uniqueOpens: integer('unique_opens').notNull().default(0),
    machineOpens: integer('machine_opens').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    uniqueClicks: integer('unique_clicks').notNull().default(0),
    machineClicks: integer('machine_clicks').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
    revenue: numeric('revenue', { precision: 16, scale: 2 }).notNull().default('0'),
    unsubscribes: integer('unsubscribes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.hour] }), index('campaign_hourly_stats_hour_idx').on(t.hour)],
);
