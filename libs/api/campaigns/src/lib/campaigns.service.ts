import { CampaignLifecycleEvents } from './campaign-lifecycle-events.service';
import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import { withTransaction, type Database } from '@mini-crm/db';
import type {
  AiSuggestionRefDto,
  CampaignChannel,
  CampaignDto,
  CampaignPageDto,
  CampaignStatus,
  CreateCampaignDto,
  LaunchCampaignDto,
  UpdateCampaignDto,
} from '@mini-crm/contracts';
import { AuditService, AuthUser, DB, decodeCursor, encodeCursor } from '@mini-crm/api/core';
import { SegmentsService } from '@mini-crm/api/segments';
import { CAMPAIGN_DISPATCHER, CampaignDispatcher } from './campaign-dispatcher.port';
import { assertCampaignContent, storedMessage } from './campaign-content.util';
import { requireUsableSegment } from './campaign-segment.util';
import { windowChoice } from './sending-window-choice.util';
import { toCampaignDto } from './campaign.mapper';
import { CampaignPatch, CampaignsRepository } from './campaigns.repository';
import { extractLinks } from './links/link-extract.util';
import { CampaignLinksRepository } from './links/campaign-links.repository';
import { TrackingCodesService } from './links/tracking-codes.service';
import { MessagesRepository } from './messages/messages.repository';
import { SnapshotSuppressionService } from './messages/snapshot-suppression.service';
import { CampaignPreviewRepository } from './campaign-preview.repository';
import { NoReachableAudienceError } from './no-reachable-audience.error';
import type { CampaignRow } from './campaign.mapper';
import { retryAudiencePredicate } from './retry/retry-audience.repository';
import { experimentOf, experimentPatchOf } from './experiments/experiment-config.util';
import { ExperimentsService, variantsOf } from './experiments/experiments.service';

/** Only the provider and index of an AI suggestion are stored. */
const aiRef = (a: AiSuggestionRefDto | undefined) => (a ? { provider: a.provider, index: a.index } : null);

const EDITABLE: readonly CampaignStatus[] = ['draft', 'scheduled'];
const LAUNCHABLE: readonly CampaignStatus[] = ['draft', 'scheduled'];
const CANCELLABLE: readonly CampaignStatus[] = ['scheduled', 'running', 'paused'];

/** Campaign CRUD and lifecycle: draft → scheduled → running → completed, plus paused, cancelled, failed. */
@Injectable()
export class CampaignsService {
  private readonly log = new Logger('Campaigns');

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: CampaignsRepository,
    private readonly messages: MessagesRepository,
    private readonly snapshotSuppression: SnapshotSuppressionService,
    private readonly preview: CampaignPreviewRepository,
    private readonly links: CampaignLinksRepository,
    private readonly codes: TrackingCodesService,
    private readonly segments: SegmentsService,
    private readonly audit: AuditService,
    @Inject(CAMPAIGN_DISPATCHER) private readonly dispatcher: CampaignDispatcher,
    private readonly lifecycle: CampaignLifecycleEvents,
    private readonly experiments: ExperimentsService,
  ) {}

  async list(q: { limit: number; cursor?: string; status?: CampaignStatus }): Promise<CampaignPageDto> {
    const key = decodeCursor(q.cursor, 2);
    const rows = await this.repo.list({
      limit: q.limit + 1,
      after: key ? [new Date(String(key[0])), String(key[1])] : null,
      status: q.status,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toCampaignDto(r.campaign, r.segmentName)),
      nextCursor:
        rows.length > q.limit ? encodeCursor([last.campaign.createdAt.toISOString(), last.campaign.id]) : null,
    };
  }

  async get(id: string): Promise<CampaignDto> {
    const row = await this.require(id);
    return { ...toCampaignDto(row, row.segmentName), ...(await this.experiments.describe(row)) };
  }

  async create(body: CreateCampaignDto, actor: AuthUser): Promise<CampaignDto> {
    const experiment = experimentOf(body);
    // With variants the campaign's message and subject are the first variant's.
    const first = experiment?.variants[0];
    const message = first ? first.message : body.message;
    const subject = first ? first.subject : body.subject;
    const email = body.channel === 'email';
    assertCampaignContent({ channel: body.channel, message, subject, preheader: body.preheader });
    await requireUsableSegment(this.segments, body.segmentId);
    const row = await withTransaction(this.db, async (tx) => {
      const inserted = await this.repo.insert(
        {
          name: body.name.trim(),
          segmentId: body.segmentId,
          channel: body.channel,
          // Email HTML is stored sanitized (variants' bodies already are, in experimentOf).
          message: storedMessage(body.channel, message),
          subject: email ? (subject ?? null) : null,
          preheader: email ? body.preheader?.trim() || null : null,
          variants: experiment ? experiment.variants : null,
          scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : null,
          ...windowChoice(body.sendingWindow, body.sendAnyTime ?? false),
          messageSource: body.aiSuggestion ? 'ai' : 'manual',
          aiSuggestion: aiRef(body.aiSuggestion),
          createdBy: actor.id,
        },
        tx,
      );
      if (experiment) await this.experiments.configure(inserted.id, experiment.config, tx);
      return inserted;
    });
    await this.audit.record({
      actor,
      action: 'campaign.created',
      entity: 'campaign',
      entityId: row.id,
      diff: { name: row.name, channel: row.channel, messageSource: row.messageSource },
    });
    return this.get(row.id);
  }

  async update(id: string, body: UpdateCampaignDto, actor: AuthUser): Promise<CampaignDto> {
    const current = await this.require(id);
    this.assertIn(current.status as CampaignStatus, EDITABLE, 'edit');
    const channel = (body.channel ?? current.channel) as CampaignChannel;
    // Variants, holdout or test phase changed (checked as on create); the message is the first variant's.
    const experiment = experimentPatchOf(current, await this.experiments.config(id), body);
    const first = experiment?.variants[0];
    const email = channel === 'email';
    const subject = first ? first.subject : body.subject !== undefined ? body.subject : current.subject;
    const message = first ? first.message : (body.message ?? current.message);
    const preheader = body.preheader !== undefined ? body.preheader?.trim() || null : current.preheader;
    const next = { channel, message, subject: email ? subject : null, preheader: email ? preheader : null };
    assertCampaignContent(next);
    next.message = storedMessage(channel, next.message);
    if (body.segmentId && body.segmentId !== current.segmentId)
      await requireUsableSegment(this.segments, body.segmentId);
    const patch: CampaignPatch = { ...next };
    if (experiment !== undefined) patch.variants = experiment?.variants ?? null;
    if (body.name !== undefined) patch.name = body.name.trim();
    if (body.segmentId !== undefined) patch.segmentId = body.segmentId;
    if (body.sendingWindow !== undefined || body.sendAnyTime !== undefined)
      Object.assign(
        patch,
        windowChoice(
          body.sendingWindow !== undefined ? body.sendingWindow : body.sendAnyTime ? null : current.sendingWindow,
          body.sendAnyTime ?? (body.sendingWindow ? false : current.sendAnyTime),
        ),
      );
    if (body.aiSuggestion) {
      patch.messageSource = 'ai';
      patch.aiSuggestion = aiRef(body.aiSuggestion);
    }
    const reschedule = body.scheduledAt !== undefined && current.status === 'scheduled';
    if (body.scheduledAt !== undefined) patch.scheduledAt = body.scheduledAt ? new Date(body.scheduledAt) : null;
    if (reschedule && !patch.scheduledAt) patch.status = 'draft';
    const row = await withTransaction(this.db, async (tx) => {
      const updated = await this.repo.updateIf(id, [current.status as CampaignStatus], patch, tx);
      if (updated && experiment !== undefined) await this.experiments.replace(id, experiment?.config ?? null, tx);
      return updated;
    });
    if (!row) throw new ConflictException(`Campaign changed status meanwhile; reload and retry`);
    if (reschedule) {
      if (row.scheduledAt) await this.dispatcher.scheduleLaunch(id, row.scheduledAt);
      else await this.dispatcher.unscheduleLaunch(id);
    }
    await this.audit.record({
      actor,
      action: 'campaign.updated',
      entity: 'campaign',
      entityId: id,
      diff: { fields: Object.keys(body) },
    });
    return this.get(id);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    const current = await this.require(id);
    this.assertIn(current.status as CampaignStatus, EDITABLE, 'delete');
    if (!(await this.repo.deleteIf(id, EDITABLE)))
      throw new ConflictException('Campaign changed status meanwhile; reload and retry');
    if (current.status === 'scheduled') await this.dispatcher.unscheduleLaunch(id);
    await this.audit.record({
      actor,
      action: 'campaign.deleted',
      entity: 'campaign',
      entityId: id,
      diff: { name: current.name },
    });
  }

  /** Now, or at `scheduledAt` (the body's, else the campaign's own when in the future) via a delayed job. */
  async launch(id: string, body: LaunchCampaignDto, actor: AuthUser): Promise<CampaignDto> {
    const current = await this.require(id);
    this.assertIn(current.status as CampaignStatus, LAUNCHABLE, 'launch');
    for (const v of variantsOf(current))
      assertCampaignContent(
        { channel: current.channel as CampaignChannel, message: v.message, subject: v.subject },
        { complete: true },
      );
    if (!this.dispatcher.readyFor(current.channel as CampaignChannel))
      throw new ServiceUnavailableException(
        `Delivery of ${current.channel} is not configured: see Settings › Channels`,
      );
    const stored = current.scheduledAt && current.scheduledAt.getTime() > Date.now() ? current.scheduledAt : null;
    const at = body.now ? null : body.scheduledAt ? new Date(body.scheduledAt) : stored;
    if (at && at.getTime() > Date.now() + 1000) {
      await this.assertReachable(current);
      const row = await this.repo.updateIf(id, LAUNCHABLE, {
        status: 'scheduled',
        scheduledAt: at,
        statusReason: null,
      });
      if (!row) throw new ConflictException('Campaign changed status meanwhile; reload and retry');
      await this.dispatcher.scheduleLaunch(id, at);
      await this.audit.record({
        actor,
        action: 'campaign.scheduled',
        entity: 'campaign',
        entityId: id,
        diff: { scheduledAt: at.toISOString() },
      });
      return this.get(id);
    }
    await this.launchNow(id, LAUNCHABLE, actor);
    return this.get(id);
  }

  /** Scheduling a campaign nobody can receive is refused now, not discovered at send time. */
  private async assertReachable(row: CampaignRow): Promise<void> {
    const channel = row.channel as CampaignChannel;
    const predicate = await this.audienceOf(row);
    const counts = await this.preview.audienceCounts(predicate, channel);
    if (counts.audience === 0)
      throw new ConflictException(new NoReachableAudienceError(channel, counts.matched).message);
  }

  /** The delayed job fired: launch if still scheduled for (about) now. False when nothing was due. */
  async launchScheduled(id: string): Promise<boolean> {
    const current = await this.repo.findById(id);
    if (!current || current.status !== 'scheduled') return false;
    if (current.scheduledAt && current.scheduledAt.getTime() > Date.now() + 2000) return false;
    return this.launchNow(id, ['scheduled'], null);
  }

  /**
   * running + audience snapshot in one transaction (one INSERT … SELECT), then send jobs are
   * enqueued. If enqueueing fails the delivery reconciler re-dispatches the running campaign.
   */
  private async launchNow(id: string, from: readonly CampaignStatus[], actor: AuthUser | null): Promise<boolean> {
    const current = await this.require(id);
    const predicate = await this.audienceOf(current);
    const channel = current.channel as CampaignChannel;
    let result: { audience: number; matched: number; dispatchUpTo: number } | null;
    try {
      result = await this.snapshotAudience(id, from, channel, current, predicate);
    } catch (e) {
      if (!(e instanceof NoReachableAudienceError)) throw e;
      if (actor) throw new ConflictException(e.message);
      // A scheduled launch whose audience emptied meanwhile fails visibly instead of "completing" with 0 of 0.
      await this.repo.updateIf(id, ['scheduled'], {
        status: 'failed',
        statusReason: e.message,
        finishedAt: new Date(),
      });
      await this.audit.record({
        action: 'campaign.failed',
        entity: 'campaign',
        entityId: id,
        diff: { reason: e.message },
      });
      return true;
    }
    if (!result) {
      if (actor) throw new ConflictException('Campaign changed status meanwhile; reload and retry');
      return false;
    }
    if (current.status === 'scheduled') await this.dispatcher.unscheduleLaunch(id).catch(() => undefined);
    await this.audit.record({
      actor,
      action: 'campaign.launched',
      entity: 'campaign',
      entityId: id,
      diff: { audience: result.audience, suppressed: Math.max(0, result.matched - result.audience) },
    });
    await this.lifecycle.publish('campaign.launched', id);
    if (result.audience >= 10_000)
      await this.messages.analyze().catch((e: Error) => this.log.warn(`analyze messages failed: ${e.message}`));
    try {
      await this.dispatcher.dispatch(id, channel, 1, result.dispatchUpTo);
    } catch (e) {
      this.log.warn(`campaign ${id}: enqueueing failed (${(e as Error).message}); the reconciler will retry`);
    }
    if (current.variants)
      await this.experiments
        .afterLaunch(id)
        .catch((e: Error) => this.log.warn(`campaign ${id}: experiment timer failed (${e.message})`));
    return true;
  }

  /** running + the audience snapshot, or null when the campaign left `from` meanwhile. */
  private snapshotAudience(
    id: string,
    from: readonly CampaignStatus[],
    channel: CampaignChannel,
    campaign: CampaignRow,
    predicate: SQL,
  ) {
    return withTransaction(this.db, async (tx) => {
      const row = await this.repo.updateIf(
        id,
        from,
        { status: 'running', startedAt: new Date(), finishedAt: null, statusReason: null },
        tx,
      );
      if (!row) return null;
      // The message cannot change once running: its tracked links are fixed here, with the audience.
      const urls = variantsOf(campaign).flatMap((v) => extractLinks(channel, v.message, this.codes.publicUrl));
      await this.links.addAll(id, [...new Set(urls)], tx);
      const counts: { audience: number; matched: number; dispatchUpTo?: number } | null = campaign.variants
        ? await this.experiments.snapshot(tx, campaign, channel, predicate)
        : await this.messages.snapshot(tx, id, channel, predicate);
      if (!counts) throw new Error(`campaign ${id} has variants but no experiment row`);
      // Throwing rolls the transaction back: the campaign keeps its status and nothing was snapshotted.
      if (counts.audience === 0) throw new NoReachableAudienceError(channel, counts.matched);
      // Recipients on the global suppression list fail at once (reason `suppressed`), before any send job.
      await this.snapshotSuppression.apply(tx, id, channel);
      await this.repo.setAudience(id, counts.audience, Math.max(0, counts.matched - counts.audience), tx);
      return { ...counts, dispatchUpTo: counts.dispatchUpTo ?? counts.audience };
    });
  }

  /** Who the campaign goes to: its segment, or for a "retry failed" campaign the original's retryable failures. */
  async audienceOf(row: Pick<CampaignRow, 'segmentId' | 'retryOf'>): Promise<SQL> {
    if (row.retryOf) return retryAudiencePredicate(row.retryOf);
    return (await this.segments.getAudience(row.segmentId)).predicate;
  }

  async pause(id: string, actor: AuthUser): Promise<CampaignDto> {
    await this.transition(id, ['running'], { status: 'paused', statusReason: `Paused by ${actor.email}` }, 'pause');
    await this.audit.record({ actor, action: 'campaign.paused', entity: 'campaign', entityId: id });
    await this.lifecycle.publish('campaign.paused', id, { automatic: false });
    return this.get(id);
  }

  /** paused → running; re-enqueues exactly the messages still queued and due. */
  async resume(id: string, actor: AuthUser): Promise<CampaignDto> {
    const row = await this.transition(id, ['paused'], { status: 'running', statusReason: null }, 'resume');
    await this.dispatcher.resetFailureWindow(id).catch(() => undefined);
    // Messages waiting for their sending window stay with the waker, which dispatches them when it opens.
    const range = await this.messages.queuedSeqRange(id, true);
    if (range) await this.dispatcher.dispatch(id, row.channel as CampaignChannel, range.min, range.max);
    else await this.lifecycle.completeIfDone(id);
    await this.audit.record({ actor, action: 'campaign.resumed', entity: 'campaign', entityId: id });
    return this.get(id);
  }

  async cancel(id: string, actor: AuthUser): Promise<CampaignDto> {
    const before = await this.require(id);
    await this.transition(id, CANCELLABLE, { status: 'cancelled', finishedAt: new Date() }, 'cancel');
    if (before.status === 'scheduled') await this.dispatcher.unscheduleLaunch(id).catch(() => undefined);
    await this.audit.record({
      actor,
      action: 'campaign.cancelled',
      entity: 'campaign',
      entityId: id,
      diff: { from: before.status },
    });
    return this.get(id);
  }

  private async transition(
    id: string,
    from: readonly CampaignStatus[],
    patch: CampaignPatch & { finishedAt?: Date },
    verb: string,
  ) {
    const row = await this.repo.updateIf(id, from, patch);
    if (row) return row;
    const current = await this.require(id);
    throw new ConflictException(`Cannot ${verb} a campaign that is ${current.status}`);
  }

  private assertIn(status: CampaignStatus, allowed: readonly CampaignStatus[], verb: string) {
    if (!allowed.includes(status)) throw new ConflictException(`Cannot ${verb} a campaign that is ${status}`);
  }

  private async require(id: string) {
    const row = await this.repo.findById(id);
    if (!row) throw new NotFoundException(`Campaign ${id} not found`);
    return row;
  }
}
