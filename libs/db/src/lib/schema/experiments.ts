import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { customers } from './customers';

/**
 * A campaign's experiment: its holdout share, the test phase's settings and the decision. One row
 * for every campaign with variants, a holdout or a test phase (the variants themselves are in
 * `campaigns.variants`).
 */
export const campaignExperiments = pgTable('campaign_experiments', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  holdout: doublePrecision('holdout').notNull().default(0),
  /** null: no test phase (variants split the whole audience). */
  testShare: doublePrecision('test_share'),
  metric: text('metric'),
  waitMinutes: integer('wait_minutes'),
  confidence: doublePrecision('confidence').notNull().default(0.95),
  fallback: text('fallback').notNull().default('best'),
  /** test | waiting | winner_sent | manual */
  phase: text('phase').notNull().default('test'),
  winner: text('winner'),
  /** significant | fallback_best | fallback_first | manual */
  reason: text('reason'),
  decideAt: timestamp('decide_at', { withTimezone: true }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  /** The analysis the decision was made on (p-values, probabilities). */
  decision: jsonb('decision'),
});

/** Customers held out of a campaign: recorded at launch, sent nothing. */
export const campaignHoldout = pgTable(
  'campaign_holdout',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.customerId] }),
    index('campaign_holdout_customer_idx').on(t.customerId),
  ],
);
