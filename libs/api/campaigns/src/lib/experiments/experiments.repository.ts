import { Inject, Injectable } from '@nestjs/common';
import { eq, sql, type SQL } from 'drizzle-orm';
import { campaignExperiments, rowsOf, type Database, type DbOrTx, type Tx } from '@mini-crm/db';
import type { CampaignChannel } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { eligibleOn, recipientColumn } from '../messages/messages.repository';
import { snapshotIdPrefix } from '../messages/message-ids.util';
import { assignmentBucket, variantOfBucket } from './experiment-assignment.sql';
import type { ExperimentConfig } from './experiment-config.util';
import { AWAITING_WINNER } from './awaiting-winner';

export type ExperimentRow = typeof campaignExperiments.$inferSelect;

export interface VariantCounts {
  variant: string | null;
  audience: number;
  queued: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  /** attributed orders, and recipients with at least one */
  conversions: number;
  converters: number;
  revenue: number;
  /** sum of squares of each recipient's revenue (Welch's test) */
  revenueSquares: number;
}

/** campaign_experiments and campaign_holdout, and the experiment's reads and writes on `messages`. */
@Injectable()
export class ExperimentsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(campaignId: string, config: ExperimentConfig, db: DbOrTx = this.db): Promise<void> {
    await db
      .insert(campaignExperiments)
      .values({ campaignId, ...config, phase: config.testShare === null ? 'winner_sent' : 'test' })
      .onConflictDoNothing();
  }

  /** Replaces a draft's settings (null: no experiment any more). */
  async replace(campaignId: string, config: ExperimentConfig | null, tx: DbOrTx): Promise<void> {
    await tx.delete(campaignExperiments).where(eq(campaignExperiments.campaignId, campaignId));
    if (config) await this.insert(campaignId, config, tx);
  }

  async find(campaignId: string, db: DbOrTx = this.db): Promise<ExperimentRow | null> {
    const [row] = await db.select().from(campaignExperiments).where(eq(campaignExperiments.campaignId, campaignId));
    return row ?? null;
  }

  async setDecideAt(campaignId: string, at: Date, tx: DbOrTx): Promise<void> {
    await tx.update(campaignExperiments).set({ decideAt: at }).where(eq(campaignExperiments.campaignId, campaignId));
  }

  /**
   * The audience snapshot of an experiment, one statement: every eligible customer is hashed into
   * holdout (campaign_holdout, no message), a test variant, or the remainder (a message without a
   * variant, `send_after` = AWAITING_WINNER). Test messages come first in seq, so the launch
   * dispatches 1..tested and the winner phase the rest.
   */
  async snapshot(
    tx: Tx,
    campaignId: string,
    channel: CampaignChannel,
    predicate: SQL,
    config: ExperimentConfig,
    keys: readonly string[],
  ): Promise<{ audience: number; matched: number; held: number; tested: number }> {
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    const u = sql`a.u`;
    const res = await tx.execute(sql`
      with audience as materialized (
        select customers.id as customer_id, ${recipientColumn(channel)} as recipient,
          ${assignmentBucket(campaignId, sql`customers.id`)} as u
        from customers where (${predicate}) and ${eligibleOn(channel)}
      ), assigned as materialized (
        select a.customer_id, a.recipient, a.u < ${config.holdout}::float8 as held,
          ${variantOfBucket(u, config, keys)} as variant
        from audience a
      ), numbered as (
        select customer_id, recipient, variant,
          (row_number() over (order by variant is null, customer_id))::int as seq
        from assigned where not held
      ), held as (
        insert into campaign_holdout (campaign_id, customer_id)
        select ${campaignId}::uuid, customer_id from assigned where held
        on conflict do nothing returning 1
      ), ins as (
        insert into messages (id, campaign_id, customer_id, seq, recipient, status, variant, send_after)
        select (${snapshotIdPrefix()} || lpad(to_hex(seq), 12, '0'))::uuid, ${campaignId}::uuid, customer_id, seq,
          recipient, 'queued', variant, case when variant is null then ${AWAITING_WINNER}::timestamptz end
        from numbered order by seq
        on conflict (campaign_id, customer_id) do nothing
        returning variant
      ) select (select count(*)::int from ins) as audience,
          (select count(*)::int from ins where variant is not null) as tested,
          (select count(*)::int from held) as held`);
    const r = rowsOf(res)[0];
    const matched = await tx.execute(sql`select count(*)::int as n from customers where ${predicate}`);
    const held = Number(r['held']);
    return {
      audience: Number(r['audience']),
      tested: Number(r['tested']),
      held,
      // Held-out customers are neither recipients nor suppressed.
      matched: Number(rowsOf(matched)[0]['n']) - held,
    };
  }

  /**
   * Records the decision and releases the remainder to the winner, one statement: the waiting
   * messages get the winner's key and become due. Only a campaign still in `from` phases is
   * decided, so two deciders (the timer and a person) cannot both release. Answers the released
   * seq range, or null when the decision was taken already.
   */
  async decide(
    campaignId: string,
    from: readonly string[],
    decision: { phase: string; winner: string | null; reason: string; analysis: unknown },
  ): Promise<{ decided: boolean; min: number | null; max: number | null }> {
    const fromList = sql.join(
      from.map((p) => sql`${p}`),
      sql`, `,
    );
    const release = decision.winner
      ? sql`, released as (
          update messages m set variant = ${decision.winner},
            send_after = case when m.status = 'queued' then null else m.send_after end
          from d where m.campaign_id = d.campaign_id and m.variant is null
          returning m.seq, m.status
        )`
      : sql`, released as (select null::int as seq, null::text as status where false)`;
    const res = await this.db.execute(sql`
      with d as (
        update campaign_experiments set phase = ${decision.phase}, winner = ${decision.winner},
          reason = ${decision.reason}, decided_at = now(), decision = ${JSON.stringify(decision.analysis)}::jsonb
        where campaign_id = ${campaignId} and phase in (${fromList})
        returning campaign_id
      )${release}
      select (select count(*)::int from d) as decided,
        (select min(seq) from released where status = 'queued') as lo,
        (select max(seq) from released where status = 'queued') as hi`);
    const r = rowsOf(res)[0];
    return {
      decided: Number(r['decided']) > 0,
      min: r['lo'] === null ? null : Number(r['lo']),
      max: r['hi'] === null ? null : Number(r['hi']),
    };
  }

  /** Per-variant counts over `messages` and attributed conversions (null variant: the remainder still waiting). */
  async variantCounts(campaignId: string): Promise<VariantCounts[]> {
    const res = await this.db.execute(sql`
      with per_message as (
        select m.variant, m.status, m.delivered_at, m.opened_at, m.clicked_at,
          coalesce(c.orders, 0) as orders, coalesce(c.revenue, 0) as revenue
        from messages m
        left join lateral (
          select count(*)::int as orders, sum(revenue)::float8 as revenue from conversions where message_id = m.id
        ) c on true
        where m.campaign_id = ${campaignId}
      ) select variant, count(*)::int as audience, count(*) filter (where status = 'queued')::int as queued,
          count(*) filter (where status <> 'queued' and status <> 'failed')::int as sent,
          count(delivered_at) filter (where status <> 'failed')::int as delivered,
          count(opened_at) filter (where status <> 'failed')::int as opened,
          count(clicked_at) filter (where status <> 'failed')::int as clicked,
          sum(orders)::int as conversions, count(*) filter (where orders > 0)::int as converters,
          sum(revenue)::float8 as revenue, sum(revenue * revenue)::float8 as revenue_squares
        from per_message group by variant order by variant nulls last`);
    return rowsOf(res).map((r) => ({
      variant: (r['variant'] as string | null) ?? null,
      audience: Number(r['audience']),
      queued: Number(r['queued']),
      sent: Number(r['sent']),
      delivered: Number(r['delivered']),
      opened: Number(r['opened']),
      clicked: Number(r['clicked']),
      conversions: Number(r['conversions'] ?? 0),
      converters: Number(r['converters'] ?? 0),
      revenue: Number(r['revenue'] ?? 0),
      revenueSquares: Number(r['revenue_squares'] ?? 0),
    }));
  }

  /**
   * The holdout's outcome: held-out customers with an order from the launch to the end of the
   * attribution window (nobody attributes their orders: they got nothing), revenue moments per person.
   */
  async holdoutCounts(
    campaignId: string,
    from: Date,
    to: Date,
  ): Promise<{ size: number; converters: number; orders: number; revenue: number; revenueSquares: number }> {
    const res = await this.db.execute(sql`
      with per_person as (
        select h.customer_id, count(o.id)::int as orders, coalesce(sum(o.amount), 0)::float8 as revenue
        from campaign_holdout h
        left join orders o on o.customer_id = h.customer_id
          and o.ordered_at >= ${from.toISOString()}::timestamptz and o.ordered_at < ${to.toISOString()}::timestamptz
        where h.campaign_id = ${campaignId}
        group by h.customer_id
      ) select count(*)::int as size, count(*) filter (where orders > 0)::int as converters,
          coalesce(sum(orders), 0)::int as orders, coalesce(sum(revenue), 0)::float8 as revenue,
          coalesce(sum(revenue * revenue), 0)::float8 as revenue_squares
        from per_person`);
    const r = rowsOf(res)[0];
    return {
      size: Number(r['size']),
      converters: Number(r['converters']),
      orders: Number(r['orders']),
      revenue: Number(r['revenue']),
      revenueSquares: Number(r['revenue_squares']),
    };
  }

  /** Recipients' orders by the same rule as the holdout (any order in the window, attributed or not). */
  async recipientOrderMoments(
    campaignId: string,
    from: Date,
    to: Date,
  ): Promise<{ size: number; converters: number; revenue: number; revenueSquares: number }> {
    const res = await this.db.execute(sql`
      with per_person as (
        select m.customer_id, count(o.id)::int as orders, coalesce(sum(o.amount), 0)::float8 as revenue
        from messages m
        left join orders o on o.customer_id = m.customer_id
          and o.ordered_at >= ${from.toISOString()}::timestamptz and o.ordered_at < ${to.toISOString()}::timestamptz
        where m.campaign_id = ${campaignId} and m.status <> 'failed' and m.status <> 'queued'
        group by m.customer_id
      ) select count(*)::int as size, count(*) filter (where orders > 0)::int as converters,
          coalesce(sum(revenue), 0)::float8 as revenue, coalesce(sum(revenue * revenue), 0)::float8 as revenue_squares
        from per_person`);
    const r = rowsOf(res)[0];
    return {
      size: Number(r['size']),
      converters: Number(r['converters']),
      revenue: Number(r['revenue']),
      revenueSquares: Number(r['revenue_squares']),
    };
  }

  /** Campaigns in the test phase whose decision is due (the reconciler's safety net for a lost timer job). */
  async dueDecisions(now: Date): Promise<string[]> {
    const res = await this.db.execute(sql`
      select e.campaign_id from campaign_experiments e join campaigns c on c.id = e.campaign_id
      where e.phase = 'test' and e.decide_at <= ${now.toISOString()}::timestamptz and c.status in ('running', 'paused')`);
    return rowsOf(res).map((r) => String(r['campaign_id']));
  }
}
