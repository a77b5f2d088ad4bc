import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Job } from 'bullmq';
import type Redis from 'ioredis';
import {
  AuditService,
  Clock,
  INSIGHTS_QUEUE,
  Queues,
  REDIS,
  type AuthUser,
  type InsightsJobData,
} from '@mini-crm/api/core';
import type { OrdersBookedListener } from '@mini-crm/api/customers';
import { INSIGHTS_CONFIG, type InsightsConfig } from './insights.config';
import { InsightsRepository, type InsightModelRow } from './insights.repository';
import { CustomerScorer, fitModels } from './score-customers';

export interface InsightsRunResult {
  modelId: string | null;
  customers: number;
  scored: number;
  skipped?: string;
}

export interface InsightsJobStatus {
  id: string;
  state: string;
  /** 0–100. */
  progress: number;
  result: InsightsRunResult | null;
  failedReason: string | null;
}

export interface InsightsModelView {
  model: 'bg-nbd';
  timeUnit: 'day';
  params: { r: number; alpha: number; a: number; b: number };
  spend: { p: number; q: number; gamma: number } | null;
  spendNote: string | null;
  customers: number;
  scored: number;
  logLikelihood: number;
  fittedAt: string;
}

/** While a run holds it, a second instance's run is skipped (the lock outlives a stuck process by its TTL). */
const LOCK_KEY = 'insights:run-lock';
const LOCK_TTL_MS = 60 * 60 * 1000;
/** A queued or running job of this id swallows further requests (one run at a time across instances). */
const DEDUP_ID = 'insights-run';

@Injectable()
export class InsightsService implements OrdersBookedListener {
  private readonly log = new Logger('Insights');

  constructor(
    private readonly repo: InsightsRepository,
    private readonly queues: Queues,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(INSIGHTS_CONFIG) private readonly config: InsightsConfig,
  ) {}

  /** Queues a run (or joins the one already queued, delayed or running; a delayed one starts now) and answers its job. */
  async requestRun(actor: AuthUser): Promise<InsightsJobStatus> {
    const job = await this.queues
      .queue(INSIGHTS_QUEUE)
      .add(
        'recompute',
        { reason: 'manual' },
        { deduplication: { id: DEDUP_ID }, removeOnComplete: 100, removeOnFail: 100 },
      );
    // Joined a debounced run still waiting out its delay after new orders: asked for now, it starts now.
    if ((await job.getState()) === 'delayed') await job.promote().catch(() => undefined);
    await this.audit.record({
      actor,
      action: 'insights.recompute_requested',
      entity: 'insights',
      entityId: job.id ?? null,
    });
    return this.jobStatus(String(job.id));
  }

  /** The ORDERS_BOOKED_LISTENER port: new orders move the scores, so a debounced run follows. */
  async ordersBooked(): Promise<void> {
    await this.requestDebouncedRun().catch((e: Error) =>
      this.log.warn(`insights run after new orders not queued: ${e.message}`),
    );
  }

  /** After imports or order batches: one run `debounceSeconds` after the last of a burst. */
  async requestDebouncedRun(): Promise<void> {
    const delay = this.config.debounceSeconds * 1000;
    await this.queues.queue(INSIGHTS_QUEUE).add(
      'after-orders',
      { reason: 'orders' },
      {
        delay,
        deduplication: { id: DEDUP_ID, ttl: delay, extend: true, replace: true },
        removeOnComplete: 100,
        removeOnFail: 100,
      },
    );
  }

  async jobStatus(id: string): Promise<InsightsJobStatus> {
    const queue = this.queues.queue(INSIGHTS_QUEUE);
    // State first: a job read once it is known to be completed carries its result (the other way round,
    // a run that finished between the two reads answered `completed` with no result).
    const state = await queue.getJobState(id);
    const job = state === 'unknown' ? undefined : await queue.getJob(id);
    if (!job) throw new NotFoundException(`Insights job ${id} not found`);
    return {
      id,
      state,
      progress: typeof job.progress === 'number' ? job.progress : 0,
      result: (job.returnvalue as InsightsRunResult | null) ?? null,
      failedReason: job.failedReason ?? null,
    };
  }

  async model(): Promise<InsightsModelView> {
    const row = await this.repo.latestModel();
    if (!row) throw new NotFoundException('No customer model yet: start a run with POST /api/insights/recompute');
    return toModelView(row);
  }

  /** The queue processor: one run, skipped when another instance holds the lock. */
  async process(job: Job<InsightsJobData>): Promise<InsightsRunResult> {
    const token = `${job.id}:${Date.now()}`;
    const locked = await this.redis.set(LOCK_KEY, token, 'PX', LOCK_TTL_MS, 'NX');
    if (locked !== 'OK') return { modelId: null, customers: 0, scored: 0, skipped: 'another run is in progress' };
    try {
      return await this.run((p) => job.updateProgress(p));
    } finally {
      if ((await this.redis.get(LOCK_KEY)) === token) await this.redis.del(LOCK_KEY);
    }
  }

  /** Summaries (one SQL pass) → fit → score every customer in batches → save the model. */
  async run(progress: (percent: number) => Promise<void> = async () => undefined): Promise<InsightsRunResult> {
    const now = this.clock.now();
    const summaries = await this.repo.summaries(now, this.config.rfmWindowDays);
    await progress(10);
    const models = fitModels(summaries, this.config.fitSampleSize);
    await progress(20);
    const scorer = new CustomerScorer(summaries, models, this.config.discountRate);
    const n = summaries.ids.length;
    const batch = this.config.batchSize;
    for (let from = 0; from < n; from += batch) {
      await this.repo.writeScores(scorer.score(from, Math.min(n, from + batch)), now);
      await progress(20 + Math.floor((75 * Math.min(n, from + batch)) / n));
    }
    await this.repo.clearUnscored(now);
    const saved = await this.repo.saveModel({
      params: models.bgNbd.params,
      spend: models.spend?.params ?? null,
      note: models.spendNote,
      customers: models.bgNbd.customers,
      scored: n,
      logLikelihood: models.bgNbd.logLikelihood,
      fittedAt: now,
    });
    await progress(100);
    this.log.log(`model ${saved.id}: fitted on ${models.bgNbd.customers}, scored ${n} customers`);
    return { modelId: saved.id, customers: models.bgNbd.customers, scored: n };
  }
}

export function toModelView(row: InsightModelRow): InsightsModelView {
  return {
    model: 'bg-nbd',
    timeUnit: 'day',
    params: row.params,
    spend: row.spend ?? null,
    spendNote: row.note,
    customers: row.customers,
    scored: row.scored,
    logLikelihood: row.logLikelihood,
    fittedAt: row.fittedAt.toISOString(),
  };
}
