import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { segments } from './segments';

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => segments.id),
    channel: text('channel').notNull(),
    subject: text('subject'),
    /** Email preview text (inbox lists show it after the subject; hidden in the message). */
    preheader: text('preheader'),
    message: text('message').notNull(),
    variants: jsonb('variants'),
    status: text('status').notNull().default('draft'),
    statusReason: text('status_reason'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    /** `{ start, end }` local times this campaign may send between; null: the workspace default of its channel. */
    sendingWindow: jsonb('sending_window').$type<{ start: string; end: string }>(),
    /** True: sends at any time, ignoring the workspace's sending hours (then `sendingWindow` is null). */
    sendAnyTime: boolean('send_any_time').notNull().default(false),
    audience: integer('audience').notNull().default(0),
    suppressed: integer('suppressed').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** `ai` when the message came from an AI suggestion (kept for AI vs hand-written analytics), else `manual`. */
    messageSource: text('message_source').notNull().default('manual'),
    /** The AI option's index and provider when `messageSource` is `ai`. */
    aiSuggestion: jsonb('ai_suggestion'),
    createdBy: uuid('created_by'),
    /** Set on a "retry failed" campaign: the campaign whose retryable failures it re-sends. */
    retryOf: uuid('retry_of').references((): AnyPgColumn => campaigns.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaigns_created_idx').on(t.createdAt, t.id),
    index('campaigns_retry_of_idx').on(t.retryOf),
    index('campaigns_status_idx').on(t.status),
    index('campaigns_segment_idx').on(t.segmentId),
  ],
);

/** Communication log; unique (campaign_id, customer_id) is the exactly-once key. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull().default(0),
    variant: text('variant'),
    recipient: text('recipient'),
    renderedText: text('rendered_text'),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    vendorMessageId: text('vendor_message_id'),
    failureReason: text('failure_reason'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** Set while a queued message waits for its recipient's sending window to open (cleared when it is due). */
    sendAfter: timestamp('send_after', { withTimezone: true }),
    /**
     * The send job holding this queued message (from its claim until it records the outcome), so a second job over the same
     * rows (a resume or re-dispatch while the first is still waiting on the provider) leaves it alone; `claimed_until` ends
     * the claim of a job that died.
     */
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_campaign_customer_uq').on(t.campaignId, t.customerId),
    index('messages_campaign_status_idx').on(t.campaignId, t.status),
    index('messages_campaign_seq_idx').on(t.campaignId, t.seq),
    index('messages_customer_idx').on(t.customerId, t.queuedAt),
    index('messages_send_after_idx')
      .on(t.sendAfter)
      .where(sql`${t.status} = 'queued' and ${t.sendAfter} is not null`),
  ],
);

/**
 * Receipts and unsubscribes per message, partitioned by month of the message (`message_month`, the first
 * day of the UTC month of `messages.queued_at`, copied by every writer): all events of a message share a
 * partition, so the unique keys (which must hold the partition key) still make a replay a no-op. The
 * partitions and their retention are migration 0024's and EventPartitionsCron's (drizzle cannot declare them).
 */
export const messageEvents = pgTable(
  'message_events',
  {
    /** The vendor's receipt id: a replayed receipt is a conflict, hence a no-op. */
    receiptId: text('receipt_id').notNull(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    messageMonth: date('message_month').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    meta: jsonb('meta'),
  },
  (t) => [
    primaryKey({ columns: [t.receiptId, t.messageMonth] }),
    index('message_events_message_idx').on(t.messageId, t.at),
    /** One event per kind per message: a repeated `opened` (new receipt id, same kind) is a no-op too. */
    uniqueIndex('message_events_message_type_uq').on(t.messageId, t.type, t.messageMonth),
  ],
);
