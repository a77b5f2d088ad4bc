import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AuditService, countMessages, type SendJobData } from '@mini-crm/api/core';
import {
  AcceptedMessage,
  CampaignsRepository,
  FailedMessage,
  MessageClaimsRepository,
  MessagesRepository,
  QueuedMessageRow,
} from '@mini-crm/api/campaigns';
import { CampaignLifecycleEvents, CampaignRendererService, SUPPRESSED_REASON } from '@mini-crm/api/campaigns';
import { ConsentService, SuppressionService } from '@mini-crm/api/customers';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import type { OutboundMessage } from '../providers/channel-provider';
import { ChannelProviders } from '../providers/channel-providers';
import { ProviderRequestError, ProviderRetryableError } from '../providers/provider.errors';
import { CampaignStateCache } from './campaign-state.cache';
import { DeliveryQueueService } from './delivery-queue.service';
import { FailureWindowService } from './failure-window.service';
import { SendingWindowGate } from '../window/sending-window.gate';

export interface SendJobResult {
  skipped?: string;
  sent: number;
  failed: number;
}

/**
 * One send job: the still-queued messages of a seq range, rendered and handed to the vendor in
 * batches (through the channel's provider) with each message id as idempotency key. Only `queued` rows are read and every status
 * change is conditional, so a replayed job (crash, stall, retry, resume) never sends a message
 * that was sent or failed; one that crashed between the vendor's answer and our UPDATE is sent
 * again with the same key and the vendor answers it as a replay. The job claims its rows before
 * sending, so another job over the same range (a resume or a re-dispatch while this one still waits
 * on the provider) leaves them alone; what it did not send is released when it ends. Messages outside their recipient's
 * sending window are not sent: they stay queued with a `send_after`, and the waker re-dispatches
 * them once it has passed.
 */
@Injectable()
export class SendBatchProcessor {
  private readonly log = new Logger('SendBatch');

  constructor(
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    private readonly cache: CampaignStateCache,
    private readonly messages: MessagesRepository,
    private readonly claims: MessageClaimsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly renderer: CampaignRendererService,
    private readonly providers: ChannelProviders,
    private readonly window: FailureWindowService,
    private readonly queues: DeliveryQueueService,
    private readonly audit: AuditService,
    private readonly gate: SendingWindowGate,
    private readonly suppressions: SuppressionService,
    private readonly lifecycle: CampaignLifecycleEvents,
    private readonly consent: ConsentService,
  ) {}

  async process(job: Job<SendJobData>): Promise<SendJobResult> {
    const { campaignId, fromSeq, toSeq } = job.data;
    // The same on the job's retries and stalled re-runs (they take their own claims back), new for every dispatch.
    const owner = `${job.id}@${job.timestamp}`;
    try {
      return await this.sendRange(job, owner);
    } finally {
      await this.claims
        .release(campaignId, fromSeq, toSeq, owner)
        .catch((e: Error) => this.log.warn(`could not release the claims of job ${owner}: ${e.message}`));
    }
  }

  private async sendRange(job: Job<SendJobData>, owner: string): Promise<SendJobResult> {
    const { campaignId, fromSeq, toSeq } = job.data;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result: SendJobResult = { sent: 0, failed: 0 };
    let { state, prepared } = await this.cache.get(campaignId);
    if (!state || !prepared || state.status !== 'running') return { ...result, skipped: state?.status ?? 'missing' };
    // Outside the recipient's sending window a message stays queued with its send_after (stats: scheduled).
    const sendingWindow = await this.gate.windowFor(state);
    const queued = await this.claims.claimInRange(
      campaignId,
      state.channel,
      fromSeq,
      toSeq,
      prepared.tokens,
      { owner, leaseMs: this.claimLeaseMs() },
      !!sendingWindow,
    );
    const { due: rows, deferred } = await this.gate.split(queued, sendingWindow);
    await this.claims.deferUntil(deferred);
    for (let i = 0; i < rows.length; i += this.config.batchSize) {
      if (i > 0) {
        ({ state, prepared } = await this.cache.get(campaignId));
        if (!state || !prepared || state.status !== 'running')
          return { ...result, skipped: state?.status ?? 'missing' };
      }
      const chunk = await this.sendChunk(prepared, rows.slice(i, i + this.config.batchSize), lastAttempt);
      result.sent += chunk.sent;
      result.failed += chunk.failed;
      await this.judge(campaignId, chunk.outcomes);
    }
    await this.queues.touch(campaignId);
    await this.lifecycle.completeIfDone(campaignId);
    return result;
  }

  /** A claim outlives any provider call (so only a dead job's claims run out) and a stall re-dispatch. */
  private claimLeaseMs(): number {
    return Math.max(this.config.stallMs, 2 * this.config.vendorTimeoutMs);
  }

  private async sendChunk(
    prepared: ReturnType<CampaignRendererService['prepare']>,
    rows: QueuedMessageRow[],
    lastAttempt: boolean,
  ) {
    const failed: FailedMessage[] = [];
    const requests: OutboundMessage[] = [];
    // The global suppression list is read at send time too: an entry added after the snapshot still counts.
    const suppressed = await this.suppressions.suppressedAmong(
      prepared.channel,
      rows.filter((r) => r.consent === 'subscribed').map((r) => r.recipient),
    );
    for (const row of rows) {
      // Consent is read at send time: a STOP or unsubscribe after launch still counts.
      if (row.consent !== 'subscribed') {
        failed.push({ id: row.id, reason: row.consent === 'blocklisted' ? 'blocklisted' : 'unsubscribed' });
        continue;
      }
      if (!row.recipient) {
        failed.push({ id: row.id, reason: 'no_recipient' });
        continue;
      }
      if (suppressed.has(row.recipient)) {
        failed.push({ id: row.id, reason: SUPPRESSED_REASON });
        continue;
      }
      const out = this.renderer.render(prepared, row);
      requests.push({ id: row.id, channel: prepared.channel, to: row.recipient, ...out });
    }
    const accepted: AcceptedMessage[] = [];
    const outcomes: boolean[] = [];
    const retry: OutboundMessage[] = [];
    const refused: OutboundMessage[] = [];
    let retryReason = '';
    if (requests.length) {
      try {
        const results = await this.providers.of(prepared.channel).sendBatch(requests);
        results.forEach((r, i) => {
          // Results come in request order; the request is the authority on which message it is.
          const m = requests[i];
          if (r.status === 'in_flight') return;
          if (r.status === 'retry') {
            retry.push(m);
            retryReason = r.reason;
            return;
          }
          if (r.status === 'accepted') accepted.push({ id: m.id, vendorMessageId: r.providerMessageId, text: m.body });
          else failed.push({ id: m.id, reason: r.reason || 'rejected', text: m.body });
          if (r.status === 'rejected' && r.kind === 'consent') refused.push(m);
          outcomes.push(r.status !== 'accepted');
        });
      } catch (e) {
        if (e instanceof ProviderRetryableError && !lastAttempt) {
          countMessages(prepared.channel, 0, (await this.messages.markFailed(failed)).failed);
          throw e;
        }
        const reason = e instanceof ProviderRequestError ? `vendor_error_${e.status}` : 'vendor_unavailable';
        this.log.warn(`${requests.length} messages failed: ${(e as Error).message}`);
        for (const r of requests) {
          failed.push({ id: r.id, reason, text: r.body });
          outcomes.push(true);
        }
      }
    }
    // The provider says the recipient opted out there (Twilio 21610): record it as their STOP.
    for (const m of refused.filter((r) => r.channel === 'sms'))
      await this.consent.inboundSms({ id: `provider-optout-${m.id}`, from: m.to, text: 'STOP' });
    // Messages the provider may take later (SMTP 4xx, a dropped connection) stay queued for the job's retry.
    if (retry.length && !lastAttempt) {
      const partial = await this.messages.markOutcomes(accepted, failed);
      countMessages(prepared.channel, partial.sent, partial.failed);
      throw new ProviderRetryableError(`${retry.length} messages to retry: ${retryReason}`);
    }
    for (const m of retry) {
      failed.push({ id: m.id, reason: retryReason, text: m.body });
      outcomes.push(true);
    }
    const changed = await this.messages.markOutcomes(accepted, failed);
    countMessages(prepared.channel, changed.sent, changed.failed);
    return { sent: accepted.length, failed: failed.length, outcomes };
  }

  /** Feeds the failure window; past the threshold the campaign pauses itself and says why. */
  private async judge(campaignId: string, outcomes: boolean[]): Promise<void> {
    let verdict;
    try {
      verdict = await this.window.record(campaignId, outcomes);
    } catch (e) {
      this.log.warn(`failure window unavailable: ${(e as Error).message}`);
      return;
    }
    if (!verdict.tripped) return;
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    const reason = `Paused automatically: ${pct(verdict.share)} of the last ${verdict.attempts} sends failed (threshold ${pct(this.config.failureThreshold)})`;
    const row = await this.campaigns.updateIf(campaignId, ['running'], { status: 'paused', statusReason: reason });
    if (row) {
      // The next jobs of this process skip at once instead of sending until the cached status expires.
      await this.cache.get(campaignId, true);
      this.log.warn(`campaign ${campaignId}: ${reason}`);
      await this.audit.record({
        action: 'campaign.auto_paused',
        entity: 'campaign',
        entityId: campaignId,
        diff: { share: verdict.share, attempts: verdict.attempts },
      });
      await this.lifecycle.publish('campaign.paused', campaignId, { automatic: true });
    }
  }
}
