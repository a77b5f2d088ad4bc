import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';
import { RETRYABLE_FAILURE_REASONS } from './retryable-failure.util';

/**
 * The audience of a "retry failed" campaign, over unaliased `customers`: recipients of `originalId`
 * whose message failed for a retryable reason and was never delivered, minus anyone another retry of
 * the same campaign has already reached (a message there that did not fail).
 */
export function retryAudiencePredicate(originalId: string): SQL {
  const reasons = sql.join(
    RETRYABLE_FAILURE_REASONS.map((r) => sql`${r}`),
    sql`, `,
  );
  return sql`customers.id in (
      select m.customer_id from messages m
      where m.campaign_id = ${originalId} and m.status = 'failed' and m.delivered_at is null
        and m.failure_reason in (${reasons}))
    and not exists (
      select 1 from messages r join campaigns rc on rc.id = r.campaign_id
      where rc.retry_of = ${originalId} and r.customer_id = customers.id and r.status <> 'failed')`;
}

/** Reads behind "retry failed". */
@Injectable()
export class RetryAudienceRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** How many recipients a retry of `originalId` would have now (before consent is checked). */
  async count(originalId: string): Promise<number> {
    const res = await this.db.execute(
      sql`select count(*)::int as n from customers where ${retryAudiencePredicate(originalId)}`,
    );
    return Number(rowsOf<{ n: number }>(res)[0].n);
  }
}
