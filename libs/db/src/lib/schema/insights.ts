import { doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from '../uuid';

/** One fitted customer model per run (insights): the latest row is the model in use. */
export const insightModels = pgTable('insight_models', {
  id: uuid('id').primaryKey().$defaultFn(uuidv7),
  /** BG/NBD parameters, time unit days: { r, alpha, a, b }. */
  params: jsonb('params').$type<{ r: number; alpha: number; a: number; b: number }>().notNull(),
  /** Gamma-Gamma parameters { p, q, gamma }; null when too few customers had repeat orders. */
  spend: jsonb('spend').$type<{ p: number; q: number; gamma: number } | null>(),
  customers: integer('customers').notNull(),
  scored: integer('scored').notNull(),
  logLikelihood: doublePrecision('log_likelihood').notNull(),
  /** Why the spend model was not fitted, in words. */
  note: text('note'),
  fittedAt: timestamp('fitted_at', { withTimezone: true }).notNull().defaultNow(),
});
