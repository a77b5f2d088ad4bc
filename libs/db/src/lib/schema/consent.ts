import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from '../uuid';
import { customers } from './customers';

/**
 * Every change of a customer's per-channel consent (owned by api/customers): `source` is one of
 * import | api | unsubscribe_link | stop | start | bounce | complaint | admin, `note` says more (the import's file and
 * default, the explicit action's stated source), `actor_id` is the user who did it (null for recipients).
 */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: uuid('id').primaryKey().defaultRandom().$defaultFn(uuidv7),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    source: text('source').notNull(),
    note: text('note'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consent_events_customer_idx').on(t.customerId, t.at)],
);

/**
 * The global suppression list (owned by api/customers): HMAC-SHA256 (SUPPRESSION_SECRET) of a normalized
 * email or E.164 phone per channel. No foreign key: it outlives the customer it came from.
 */
export const suppressions = pgTable(
  'suppressions',
  {
    channel: text('channel').notNull(),
    hash: text('hash').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.hash] }), index('suppressions_created_idx').on(t.createdAt)],
);

/** Workspace consent settings edited by admins (one row, id 1): the status imported rows without a consent column get. */
export const consentSettings = pgTable(
  'consent_settings',
  {
    id: smallint('id').primaryKey().default(1),
    importEmailStatus: text('import_email_status').notNull().default('subscribed'),
    importSmsStatus: text('import_sms_status').notNull().default('subscribed'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('consent_settings_single_row', sql`${t.id} = 1`)],
);
