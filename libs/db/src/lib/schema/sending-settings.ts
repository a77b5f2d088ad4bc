import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The workspace's sending settings edited by admins (one row, id 1; owned by api/delivery).
 * `windows` holds a key per channel only when set here: `{ "sms": { "start": "09:00", "end": "21:00" } }`,
 * `{ "sms": null }` turns the SMS window off; a missing key falls back to `SENDING_WINDOW_<CHANNEL>`.
 * `time_zone` null falls back to `WORKSPACE_TIME_ZONE`.
 */
export const sendingSettings = pgTable(
  'sending_settings',
  {
    id: smallint('id').primaryKey().default(1),
    timeZone: text('time_zone'),
    windows: jsonb('windows')
      .$type<Record<string, { start: string; end: string } | null>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('sending_settings_single_row', sql`${t.id} = 1`)],
);
