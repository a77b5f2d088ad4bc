import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CampaignDto } from '@mini-crm/contracts';
import { withTransaction, type Database } from '@mini-crm/db';
import { AuditService, AuthUser, DB } from '@mini-crm/api/core';
import type { CampaignRow } from '../campaign.mapper';
import { CampaignsRepository } from '../campaigns.repository';
import { CampaignsService } from '../campaigns.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { RetryAudienceRepository } from './retry-audience.repository';

const NAME_MAX = 200;
const named = (prefix: string, name: string) => `${prefix}${name}`.slice(0, NAME_MAX);

/** New drafts from an existing campaign: a plain duplicate, or a retry of its retryable failures. */
@Injectable()
export class CampaignCopyService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly retryAudience: RetryAudienceRepository,
    private readonly audit: AuditService,
    private readonly experiments: ExperimentsService,
  ) {}

  /**
   * A draft with the same segment, channel, subject and message, and the same variants, holdout and
   * test-phase settings (not the source's results or decision); any status can be duplicated.
   */
  async duplicate(id: string, actor: AuthUser): Promise<CampaignDto> {
    const source = await this.require(id);
    const row = await withTransaction(this.db, async (tx) => {
      const copy = await this.repo.insert({ ...copyOf(source, 'Copy of ', actor), variants: source.variants }, tx);
      await this.experiments.copy(source.id, copy.id, tx);
      return copy;
    });
    await this.audit.record({
      actor,
      action: 'campaign.duplicated',
      entity: 'campaign',
      entityId: row.id,
      diff: { from: id },
    });
    return this.campaigns.get(row.id);
  }

  /**
   * A draft linked to the original (`retryOf`), with the original's message (for an experiment: the
   * first variant's; a retry is not an experiment), whose audience, fixed at its launch, is the original's
   * recipients that failed for a retryable reason and were never delivered. 409 when there are none.
   */
  async retryFailed(id: string, actor: AuthUser): Promise<CampaignDto> {
    const source = await this.require(id);
    if (source.status === 'draft' || source.status === 'scheduled')
      throw new ConflictException(`Nothing has been sent yet: the campaign is ${source.status}`);
    const retryable = await this.retryAudience.count(id);
    if (retryable === 0)
      throw new ConflictException(
        'No recipient can be retried: no message failed for a temporary reason (network, carrier timeout, phone off, mailbox full), or they have been retried already. Permanent failures (unsubscribed, invalid number, rejected) are never re-sent.',
      );
    const row = await this.repo.insert({ ...copyOf(source, 'Retry of ', actor), retryOf: source.id });
    await this.audit.record({
      actor,
      action: 'campaign.retry_created',
      entity: 'campaign',
      entityId: row.id,
      diff: { retryOf: id, recipients: retryable },
    });
    return this.campaigns.get(row.id);
  }

  private async require(id: string) {
    const row = await this.repo.findById(id);
    if (!row) throw new NotFoundException(`Campaign ${id} not found`);
    return row;
  }
}

/** What a copy keeps of its source: segment, channel, content and the campaign's own sending window. */
function copyOf(source: CampaignRow, prefix: string, actor: AuthUser) {
  return {
    name: named(prefix, source.name),
    segmentId: source.segmentId,
    channel: source.channel,
    message: source.message,
    subject: source.subject,
    preheader: source.preheader,
    messageSource: source.messageSource,
    aiSuggestion: source.aiSuggestion,
    sendingWindow: source.sendingWindow,
    sendAnyTime: source.sendAnyTime,
    createdBy: actor.id,
  };
}
