import { sql } from 'drizzle-orm';
import { uuidv7 } from '../uuid';
import {
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Customer profile with purchase/activity aggregates kept current on ingest (segments never scan orders). */
export const customers = pgTable(
  'customers',
  {
    // Time-ordered ids from the app (see uuidv7); the database default covers raw SQL inserts.
    id: uuid('id').primaryKey().defaultRandom().$defaultFn(uuidv7),
    externalId: text('external_id'),
    email: text('email'),
    phone: text('phone'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    city: text('city'),
    country: text('country'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    attributes: jsonb('attributes')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    totalSpend: numeric('total_spend', { precision: 14, scale: 2 }).notNull().default('0'),
    orderCount: integer('order_count').notNull().default(0),
    visitCount: integer('visit_count').notNull().default(0),
    firstOrderAt: timestamp('first_order_at', { withTimezone: true }),
    lastOrderAt: timestamp('last_order_at', { withTimezone: true }),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
    /** Last human open / click we tracked (engagement segment fields). */
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }),
    lastClickedAt: timestamp('last_clicked_at', { withTimezone: true }),
    emailStatus: text('email_status').notNull().default('subscribed'),
    smsStatus: text('sms_status').notNull().default('subscribed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Scores written by insights (libs/api/insights) after each model run; null until the first run
    // and for customers without orders. They are segment fields of the same names. None is indexed and
    // the table keeps half of each page free (fillfactor 50, migration 0025), so a run rewriting every
    // customer's scores makes heap-only (HOT) updates that touch none of the indexes above.
    rfmScore: text('rfm_score'),
    rfmSegment: text('rfm_segment'),
    recencyScore: smallint('recency_score'),
    frequencyScore: smallint('frequency_score'),
    monetaryScore: smallint('monetary_score'),
    churnRisk: doublePrecision('churn_risk'),
    pAlive: doublePrecision('p_alive'),
    expectedOrders30d: doublePrecision('expected_orders_30d'),
    expectedOrders90d: doublePrecision('expected_orders_90d'),
    predictedClv: numeric('predicted_clv', { precision: 14, scale: 2 }),
    avgOrderValue: numeric('avg_order_value', { precision: 14, scale: 2 }),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('customers_external_id_uq').on(t.externalId),
    uniqueIndex('customers_email_uq').on(t.email),
    uniqueIndex('customers_phone_uq').on(t.phone),
    index('customers_created_idx').on(t.createdAt, t.id),
    index('customers_updated_idx').on(t.updatedAt, t.id),
    index('customers_name_idx').on(t.lastName, t.firstName, t.id),
    index('customers_total_spend_idx').on(t.totalSpend, t.id),
    index('customers_order_count_idx').on(t.orderCount),
    index('customers_last_order_idx').on(t.lastOrderAt, t.id),
    index('customers_last_active_idx').on(t.lastActiveAt),
    index('customers_tags_gin').using('gin', t.tags),
    index('customers_attributes_gin').using('gin', t.attributes),
    // Segment rules compare strings case-insensitively (lower(col) = lower($1)); these serve eq/in on them.
    index('customers_city_lower_idx').on(sql`lower(${t.city})`),
    index('customers_country_lower_idx').on(sql`lower(${t.country})`),
    index('customers_visit_count_idx').on(t.visitCount),
    index('customers_first_order_idx').on(t.firstOrderAt),
    index('customers_last_opened_idx').on(t.lastOpenedAt),
    index('customers_last_clicked_idx').on(t.lastClickedAt),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    currency: text('currency').notNull().default('INR'),
    status: text('status').notNull().default('completed'),
    items: jsonb('items'),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_external_id_uq').on(t.externalId),
    index('orders_customer_idx').on(t.customerId, t.orderedAt),
  ],
);

export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    filePath: text('file_path'),
    fileSize: integer('file_size').notNull().default(0),
    status: text('status').notNull().default('queued'),
    options: jsonb('options')
      .notNull()
      .default(sql`'{}'::jsonb`),
    rows: integer('rows').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    warnings: integer('warnings').notNull().default(0),
    bytesRead: integer('bytes_read').notNull().default(0),
    message: text('message'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_created_idx').on(t.createdAt, t.id)],
);

/**
 * Uploaded import files in the database (chunks of at most 1 MiB), so the worker that picks the job
 * need not be the process that received the file. `import_jobs.file_path` names them `pg:<upload_id>`;
 * deleted once the import is over and UPLOAD_RETENTION_HOURS have passed.
 */
export const importUploadChunks = pgTable(
  'import_upload_chunks',
  {
    uploadId: uuid('upload_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);

export const importErrors = pgTable(
  'import_errors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importId: uuid('import_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    severity: text('severity').notNull().default('error'),
    column: text('column'),
    message: text('message').notNull(),
    raw: text('raw'),
  },
  (t) => [index('import_errors_import_idx').on(t.importId, t.row)],
);

/**
 * City aliases admins add on top of the built-in ones (libs/customer-data CITY_ALIASES): `alias` is the lower-case
 * key the import and the customers API look a city up by, `city` the display name it becomes.
 */
export const cityAliases = pgTable('city_aliases', {
  alias: text('alias').primaryKey(),
  city: text('city').notNull(),
  createdBy: uuid('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
