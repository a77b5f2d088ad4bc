import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import type {
  CampaignChannel,
  CampaignDto,
  CampaignStatsDto,
  ExperimentFallback,
  ExperimentMetric,
  ExperimentPhase,
} from '@mini-crm/contracts';
import type { Tx } from '@mini-crm/db';
import type { ExperimentAnalysis } from '@mini-crm/experiment-stats';
import {
  APP_CONFIG,
  AuditService,
  EXPERIMENT_QUEUE,
  Queues,
  readInt,
  type AppConfig,
  type AuthUser,
} from '@mini-crm/api/core';
import { CAMPAIGN_DISPATCHER, type CampaignDispatcher } from '../campaign-dispatcher.port';
import { CampaignsRepository } from '../campaigns.repository';
import type { CampaignRow } from '../campaign.mapper';
import { analyse, decisionOf, holdoutLift, sampleOf } from './experiment-analysis.util';
import { configOf, settingsOf, type ExperimentConfig, type StoredVariant } from './experiment-config.util';
import { ExperimentsRepository, type ExperimentRow } from './experiments.repository';

const DAY_MS = 86_400_000;
const experimentJobId = (campaignId: string) => `experiment-${campaignId}`;

/**
 * Experiments: the snapshot's assignment, the timed decision of a test phase (a delayed job per
 * campaign; a person may decide first), releasing the remainder to the winner exactly once, and the
 * per-variant and holdout stats.
 */
@Injectable()
export class ExperimentsService implements OnApplicationBootstrap {
  private readonly log = new Logger('Experiments');
  private readonly attributionWindowMs: number;

  constructor(
    private readonly repo: ExperimentsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly queues: Queues,
    private readonly audit: AuditService,
    @Inject(CAMPAIGN_DISPATCHER) private readonly dispatcher: CampaignDispatcher,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.attributionWindowMs = readInt(config.env, 'ATTRIBUTION_WINDOW_DAYS', 7, 1, 365) * DAY_MS;
  }

  onApplicationBootstrap(): void {
    this.queues.consume(EXPERIMENT_QUEUE, (job) => this.decide(job.data.campaignId), {
      lockDuration: 15_000,
      stalledInterval: 5_000,
      concurrency: 2,
    });
  }

  configure(campaignId: string, config: ExperimentConfig, tx: Tx): Promise<void> {
    return this.repo.insert(campaignId, config, tx);
  }

  find(campaignId: string): Promise<ExperimentRow | null> {
    return this.repo.find(campaignId);
  }

  /** A draft's settings replaced by an update (null: the campaign became plain). */
  replace(campaignId: string, config: ExperimentConfig | null, tx: Tx): Promise<void> {
    return this.repo.replace(campaignId, config, tx);
  }

  /** The stored settings, for an update to merge into. */
  async config(campaignId: string): Promise<ExperimentConfig | null> {
    const x = await this.repo.find(campaignId);
    return x ? configOf(x) : null;
  }

  /** A duplicate gets its source's settings (the decision and its results stay with the source). */
  async copy(fromId: string, toId: string, tx: Tx): Promise<void> {
    const x = await this.repo.find(fromId, tx);
    if (x) await this.repo.insert(toId, configOf(x), tx);
  }

  /** `variants`, `holdout` and `experiment` of a campaign's DTO (empty for a plain campaign). */
  async describe(row: CampaignRow): Promise<Pick<CampaignDto, 'variants' | 'holdout' | 'experiment'>> {
    if (!row.variants) return {};
    const x = await this.repo.find(row.id);
    return { variants: variantsOf(row), holdout: x?.holdout ?? 0, experiment: settingsOf(x ? configOf(x) : null) };
  }

  /** The audience snapshot of a campaign with an experiment; `dispatchUpTo`: the last seq the launch sends. */
  async snapshot(tx: Tx, row: CampaignRow, channel: CampaignChannel, predicate: SQL) {
    const config = await this.repo.find(row.id, tx);
    if (!config) return null;
    const keys = variantsOf(row).map((v) => v.key);
    const counts = await this.repo.snapshot(tx, row.id, channel, predicate, configOf(config), keys);
    if (config.testShare !== null && config.waitMinutes !== null)
      await this.repo.setDecideAt(row.id, new Date(Date.now() + config.waitMinutes * 60_000), tx);
    return { audience: counts.audience, matched: counts.matched, dispatchUpTo: counts.tested || counts.audience };
  }

  /** After a launch committed: the delayed decision job of a test phase. */
  async afterLaunch(campaignId: string): Promise<void> {
    const x = await this.repo.find(campaignId);
    if (!x || x.testShare === null || !x.decideAt) return;
    await this.queues.queue(EXPERIMENT_QUEUE).add(
      'decide',
      { campaignId },
      {
        jobId: experimentJobId(campaignId),
        delay: Math.max(0, x.decideAt.getTime() - Date.now()),
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: { count: 100 },
      },
    );
  }

  /**
   * The test phase's end: analyse, decide, release the remainder to the winner and send it. With
   * `pick` a person decides (any time during the test or while it waits for them). Safe to run
   * twice: the decision is a conditional UPDATE on the phase, and the release only touches messages
   * without a variant; a crash after it leaves due queued messages the reconciler dispatches.
   */
  async decide(campaignId: string, pick?: { variant: string; actor: AuthUser }): Promise<ExperimentRow | null> {
    const x = await this.repo.find(campaignId);
    const campaign = await this.campaigns.findById(campaignId);
    if (!x || !campaign) return null;
    const keys = variantsOf(campaign).map((v) => v.key);
    if (pick && !keys.includes(pick.variant))
      throw new BadRequestException({
        message: `No variant ${pick.variant}`,
        details: [{ path: 'variant', message: `must be one of ${keys.join(', ')}` }],
      });
    if (x.testShare === null || x.metric === null) {
      if (pick) throw new ConflictException('This campaign has no test phase');
      return x;
    }
    const metric = x.metric as ExperimentMetric;
    const analysis = analyse(metric, keys, await this.repo.variantCounts(campaignId), x.confidence);
    const decision = pick
      ? { phase: 'winner_sent' as const, winner: pick.variant, reason: 'manual' as const }
      : decisionOf(analysis, x.fallback as ExperimentFallback, keys);
    const from = pick ? ['test', 'manual'] : ['test'];
    const result = await this.repo.decide(campaignId, from, { ...decision, analysis });
    if (!result.decided) {
      if (pick) throw new ConflictException(`The winner was already chosen (${x.winner ?? 'none'})`);
      return this.repo.find(campaignId);
    }
    this.log.log(`campaign ${campaignId}: ${decision.winner ?? 'no winner'} (${decision.reason})`);
    if (decision.winner) {
      await this.audit.record({
        actor: pick?.actor ?? null,
        action: 'campaign.winner_sent',
        entity: 'campaign',
        entityId: campaignId,
        diff: { winner: decision.winner, reason: decision.reason, pValue: analysis.pValue },
      });
      // Paused: resume dispatches the released (now due) messages.
      if (result.min !== null && result.max !== null && campaign.status === 'running')
        await this.dispatcher.dispatch(campaignId, campaign.channel as CampaignChannel, result.min, result.max);
    }
    return this.repo.find(campaignId);
  }

  /**
   * The safety net for a lost decision job (Redis flushed, enqueue failed after the launch): the
   * reconciler decides test phases due more than `graceMs` ago (the job normally does it on time).
   * `decide` is a conditional UPDATE on the phase, so the job and this never both decide.
   */
  async decideDue(graceMs: number): Promise<number> {
    let decided = 0;
    for (const id of await this.repo.dueDecisions(new Date(Date.now() - graceMs))) {
      this.log.warn(`campaign ${id}: experiment decision overdue (its timer job is lost?), deciding now`);
      const x = await this.decide(id).catch((e: Error) => {
        this.log.warn(`campaign ${id}: overdue decision failed (${e.message}); the next tick retries`);
        return null;
      });
      if (x && x.phase !== 'test') decided++;
    }
    return decided;
  }

  /** `variants`, `holdout` and `experiment` of the campaign's stats (empty for a plain campaign). */
  async stats(campaign: CampaignRow): Promise<Pick<CampaignStatsDto, 'variants' | 'holdout' | 'experiment'>> {
    const x = await this.repo.find(campaign.id);
    if (!x) return {};
    const keys = variantsOf(campaign).map((v) => v.key);
    const counts = await this.repo.variantCounts(campaign.id);
    const metric = (x.metric ?? 'click_rate') as ExperimentMetric;
    const analysis = analyse(metric, keys, counts, x.confidence);
    // Once decided, the decision's own figures (test phase only); the live ones mix in the winner phase.
    const decided = (x.decision as ExperimentAnalysis | null) ?? null;
    const byKey = new Map(counts.map((c) => [c.variant, c]));
    const variants = keys.map((key, i) => {
      const c = byKey.get(key);
      const a = analysis.variants[i];
      return {
        key,
        audience: c?.audience ?? 0,
        sent: c?.sent ?? 0,
        delivered: c?.delivered ?? 0,
        opened: c?.opened ?? 0,
        clicked: c?.clicked ?? 0,
        converted: c?.conversions ?? 0,
        revenue: c?.revenue ?? 0,
        rate: a.value,
        interval: a.interval,
        vsControl: a.vsControl ?? null,
        probabilityBest: a.probabilityBest ?? null,
      };
    });
    const out: Pick<CampaignStatsDto, 'variants' | 'holdout' | 'experiment'> = { variants };
    const waiting = byKey.get(null);
    if (waiting) {
      // The remainder still waiting for the winner: counted under no variant so the sums still add up.
      variants.push({
        key: '(remainder)',
        audience: waiting.audience,
        sent: waiting.sent,
        delivered: waiting.delivered,
        opened: waiting.opened,
        clicked: waiting.clicked,
        converted: waiting.conversions,
        revenue: waiting.revenue,
        rate: sampleRate(metric, waiting),
        interval: { low: 0, high: 0 },
        vsControl: null,
        probabilityBest: null,
      });
    }
    if (campaign.startedAt) {
      const from = campaign.startedAt;
      const to = new Date(from.getTime() + this.attributionWindowMs);
      const [held, recipients] = await Promise.all([
        this.repo.holdoutCounts(campaign.id, from, to),
        this.repo.recipientOrderMoments(campaign.id, from, to),
      ]);
      out.holdout = {
        size: held.size,
        converted: held.converters,
        revenue: held.revenue,
        lift: held.size > 0 && recipients.size > 0 ? holdoutLift(recipients, held, x.confidence) : null,
      };
    } else out.holdout = { size: 0, converted: 0, revenue: 0, lift: null };
    if (x.testShare !== null) {
      const testQueued = counts.some((c) => c.variant !== null && c.queued > 0);
      const phase: ExperimentPhase = x.phase === 'test' && !testQueued ? 'waiting' : (x.phase as ExperimentPhase);
      out.experiment = {
        phase,
        metric,
        confidence: x.confidence,
        winner: x.winner,
        reason: x.reason,
        pValue: (decided ?? analysis).variants.length > 1 ? (decided ?? analysis).pValue : null,
        probabilityBest: Object.fromEntries((decided ?? analysis).variants.map((v) => [v.key, v.probabilityBest ?? 0])),
        decideAt: x.decideAt?.toISOString() ?? null,
        decidedAt: x.decidedAt?.toISOString() ?? null,
        warning:
          metric === 'open_rate'
            ? 'Open rate is inflated by machine opens (mail privacy proxies, scanners); prefer click or conversion rate.'
            : null,
      };
    }
    return out;
  }

  /** The campaign exists and has a test phase; used by the "send winner now" route. */
  async pickWinner(campaignId: string, variant: string, actor: AuthUser): Promise<void> {
    const campaign = await this.campaigns.findById(campaignId);
    if (!campaign) throw new NotFoundException(`Campaign ${campaignId} not found`);
    if (!['running', 'paused'].includes(campaign.status))
      throw new ConflictException(`Cannot send a winner for a campaign that is ${campaign.status}`);
    await this.decide(campaignId, { variant, actor });
  }
}

function sampleRate(metric: ExperimentMetric, c: Parameters<typeof sampleOf>[2]): number {
  const s = sampleOf(metric, '', c);
  if (!s.trials) return 0;
  return s.moments ? s.moments.sum / s.trials : (s.successes ?? 0) / s.trials;
}

export function variantsOf(row: Pick<CampaignRow, 'variants' | 'message' | 'subject'>): StoredVariant[] {
  const v = row.variants as StoredVariant[] | null;
  return v?.length ? v : [{ key: 'A', message: row.message, subject: row.subject }];
}
