import { sql, type SQL } from 'drizzle-orm';
import type { ExperimentConfig } from './experiment-config.util';

/**
 * A customer's place in a campaign's experiment, from a hash of (campaign, customer) alone: the
 * same customer lands in the same group on every launch attempt, retry or replay. `u` is uniform on
 * [0, 1) (the first 32 bits of md5). Holdout is [0, h); the test phase [h, h + t), split evenly into
 * the variants; the remainder [h + t, 1) waits for the winner. Without a test phase [h, 1) is split
 * evenly into the variants.
 */
export function assignmentBucket(campaignId: string, customerColumn: SQL): SQL {
  return sql`(('x' || substr(md5(${campaignId}::text || ':' || ${customerColumn}::text), 1, 8))::bit(32)::bigint::float8 / 4294967296.0)`;
}

/** The variant key of a non-held-out bucket `u` (null: the remainder, waiting for the winner). */
export function variantOfBucket(u: SQL, config: ExperimentConfig, keys: readonly string[]): SQL {
  const h = config.holdout;
  const span = config.testShare ?? 1 - h;
  const index = sql`least(${keys.length - 1}, floor((${u} - ${h}) / ${span} * ${keys.length})::int)`;
  const pick = sql`(array[${sql.join(
    keys.map((k) => sql`${k}::text`),
    sql`, `,
  )}])[${index} + 1]`;
  return config.testShare === null ? pick : sql`case when ${u} < ${h + config.testShare} then ${pick} end`;
}

/** The same rule in TypeScript (tests check the SQL against it). */
export function assignInMemory(
  u: number,
  config: ExperimentConfig,
  keys: readonly string[],
): string | null | 'holdout' {
  const h = config.holdout;
  if (u < h) return 'holdout';
  if (config.testShare !== null && u >= h + config.testShare) return null;
  const span = config.testShare ?? 1 - h;
  return keys[Math.min(keys.length - 1, Math.floor(((u - h) / span) * keys.length))];
}
