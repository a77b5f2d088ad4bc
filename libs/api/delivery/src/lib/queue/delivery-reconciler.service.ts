import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@mini-crm/api/core';
import {
  CampaignLifecycleEvents,
  CampaignsRepository,
  CampaignsService,
  ExperimentsService,
  MessagesRepository,
} from '@mini-crm/api/campaigns';
import type { CampaignChannel } from '@mini-crm/contracts';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { DeliveryQueueService } from './delivery-queue.service';
import { heartbeatKey, RECONCILE_LOCK_KEY } from './delivery-keys';
import { SendingWindowWaker } from '../window/sending-window.waker';

/**
 * Safety net for lost queue state (a Redis restart without persistence, a failed enqueue after
 * launch, a delayed launch job that vanished): running campaigns whose jobs made no progress for
 * `stallMs` get their still-queued messages dispatched again, overdue schedules are launched, and
 * experiments whose decision job is overdue are decided (once: the decision is a conditional UPDATE).
 * Each tick first wakes messages whose sending window has opened.
 * Re-dispatching is safe because send jobs only touch `queued` rows with conditional UPDATEs.
 */
@Injectable()
export class DeliveryReconcilerService {
  private readonly log = new Logger('DeliveryReconciler');

  constructor(
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly campaigns: CampaignsRepository,
    private readonly campaignsService: CampaignsService,
    private readonly messages: MessagesRepository,
    private readonly queues: DeliveryQueueService,
    private readonly waker: SendingWindowWaker,
    private readonly lifecycle: CampaignLifecycleEvents,
    private readonly experiments: ExperimentsService,
  ) {}

  async tick(): Promise<void> {
    const locked = await this.redis
      .set(RECONCILE_LOCK_KEY, String(process.pid), 'PX', Math.max(1000, this.config.reconcileMs - 50), 'NX')
      .catch(() => null);
    if (locked !== 'OK') return;
    await this.waker.wake();
    for (const c of await this.campaigns.idsWithStatus('running')) {
      const beat = await this.redis.exists(heartbeatKey(c.id));
      if (beat) continue;
      // Messages waiting for their sending window are not stalled; the waker dispatches them.
      const range = await this.messages.queuedSeqRange(c.id, true);
      if (!range) {
        await this.lifecycle.completeIfDone(c.id);
        continue;
      }
      this.log.warn(
        `campaign ${c.id}: no send progress for ${this.config.stallMs} ms, re-dispatching seq ${range.min}..${range.max}`,
      );
      await this.queues.dispatch(c.id, c.channel as CampaignChannel, range.min, range.max);
    }
    const graceMs = Math.max(5000, this.config.reconcileMs);
    // Test phases whose decision job is overdue (lost with Redis, or never enqueued).
    await this.experiments.decideDue(graceMs);
    for (const c of await this.campaigns.idsWithStatus('scheduled')) {
      if (c.scheduledAt && c.scheduledAt.getTime() < Date.now() - graceMs) {
        this.log.warn(`campaign ${c.id}: scheduled launch is overdue, launching`);
        await this.campaignsService.launchScheduled(c.id);
      }
    }
  }
}
