import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { VendorMessageRequest } from '@mini-crm/vendor-protocol';
import { AuditService, countMessages, type SendJobData } from '@mini-crm/api/core';
import {
  AcceptedMessage,
  CampaignsRepository,
  FailedMessage,
  MessagesRepository,
  QueuedMessageRow,
} from '@mini-crm/api/campaigns';
import { CampaignLifecycleEvents, CampaignRendererService, SUPPRESSED_REASON } from '@mini-crm/api/campaigns';
import { SuppressionService } from '@mini-crm/api/customers';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { VendorClient } from '../vendor/vendor.client';
import { VendorRequestError, VendorRetryableError } from '../vendor/vendor.errors';
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
 * batches with each message id as idempotency key. Only `queued` rows are read and every status
 * change is conditional, so a replayed job (crash, stall, retry, resume) never sends a message
 * that was sent or failed; one that crashed between the vendor's answer and our UPDATE is sent
 * again with the same key and the vendor answers it as a replay. Messages outside their recipient's
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
    private readonly campaigns: CampaignsRepository,
    private readonly renderer: CampaignRendererService,
    private readonly vendor: VendorClient,
    private readonly window: FailureWindowService,
    private readonly queues: DeliveryQueueService,
    private readonly audit: AuditService,
    private readonly gate: SendingWindowGate,
    private readonly suppressions: SuppressionService,
    private readonly lifecycle: CampaignLifecycleEvents,
  ) {}

  async process(job: Job<SendJobData>): Promise<SendJobResult> {
    const { campaignId, fromSeq, toSeq } = job.data;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result: SendJobResult = { sent: 0, failed: 0 };
    let { state, prepared } = await this.cache.get(campaignId);
    if (!state || !prepared || state.status !== 'running') return { ...result, skipped: state?.status ?? 'missing' };
    // Outside the recipient's sending window a message stays queued with its send_after (stats: scheduled).
    const sendingWindow = await this.gate.windowFor(state);
    const queued = await this.messages.queuedInRange(
      campaignId,
      state.channel,
      fromSeq,
      toSeq,
      prepared.tokens,
      !!sendingWindow,
    );
    const { due: rows, deferred } = await this.gate.split(queued, sendingWindow);
    await this.messages.deferUntil(deferred);
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

  private async sendChunk(
    prepared: ReturnType<CampaignRendererService['prepare']>,
    rows: QueuedMessageRow[],
    lastAttempt: boolean,
  ) {
    const failed: FailedMessage[] = [];
    const requests: VendorMessageRequest[] = [];
    const texts = new Map<string, string>();
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
      texts.set(row.id, out.body);
      requests.push({
        idempotencyKey: row.id,
        channel: prepared.channel,
        to: row.recipient,
        body: out.body,
        ...(out.subject ? { subject: out.subject } : {}),
        ...(out.listUnsubscribe ? { listUnsubscribe: out.listUnsubscribe } : {}),
      });
    }
    const accepted: AcceptedMessage[] = [];
    const outcomes: boolean[] = [];
    if (requests.length) {
      try {
        const results = await this.vendor.sendBatch(requests);
        results.forEach((r, i) => {
          // Results come in request order; the request is the authority on which message it is.
          const id = requests[i].idempotencyKey;
          if (r.status === 'accepted')
            accepted.push({ id, vendorMessageId: r.vendorMessageId, text: texts.get(id) ?? '' });
          else failed.push({ id, reason: r.reason || 'rejected', text: texts.get(id) });
          outcomes.push(r.status !== 'accepted');
        });
      } catch (e) {
        if (e instanceof VendorRetryableError && !lastAttempt) {
          countMessages(prepared.channel, 0, (await this.messages.markFailed(failed)).failed);
          throw e;
        }
        const reason = e instanceof VendorRequestError ? `vendor_error_${e.status}` : 'vendor_unavailable';
        this.log.warn(`${requests.length} messages failed: ${(e as Error).message}`);
        for (const r of requests) {
          failed.push({ id: r.idempotencyKey, reason, text: r.body });
          outcomes.push(true);
        }
      }
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
