import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import type { CampaignChannel } from '@mini-crm/contracts';
import { LAUNCH_QUEUE, LaunchJobData, Queues, REDIS, SEND_QUEUE, SendJobData } from '@mini-crm/api/core';
import type { CampaignDispatcher } from '@mini-crm/api/campaigns';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { failureWindowKey, heartbeatKey, launchJobId } from './delivery-keys';
import { ChannelProviders } from '../providers/channel-providers';

const ADD_BULK_CHUNK = 1000;

/** Producer side of the delivery queues; implements the campaigns' dispatcher port. */
@Injectable()
export class DeliveryQueueService implements CampaignDispatcher {
  private readonly log = new Logger('DeliveryQueue');

  constructor(
    private readonly queues: Queues,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly providers: ChannelProviders,
  ) {}

  readyFor(channel: CampaignChannel): boolean {
    return this.providers.of(channel).ready;
  }

  /** Messages per send job: the vendor batch size, never more than one second of the channel's rate. */
  jobSize(channel: CampaignChannel): number {
    return Math.max(1, Math.min(this.config.batchSize, this.config.rateLimit[channel]));
  }

  async dispatch(campaignId: string, channel: CampaignChannel, fromSeq: number, toSeq: number): Promise<void> {
    const size = this.jobSize(channel);
    const opts: JobsOptions = {
      attempts: this.config.maxAttempts,
      backoff: { type: 'exponential', delay: this.config.backoffMs },
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    };
    const jobs: Array<{ name: string; data: SendJobData; opts: JobsOptions }> = [];
    for (let from = fromSeq; from <= toSeq; from += size) {
      jobs.push({ name: 'send', data: { campaignId, fromSeq: from, toSeq: Math.min(toSeq, from + size - 1) }, opts });
    }
    await this.touch(campaignId);
    const q = this.queues.queue(SEND_QUEUE[channel]);
    for (let i = 0; i < jobs.length; i += ADD_BULK_CHUNK) await q.addBulk(jobs.slice(i, i + ADD_BULK_CHUNK));
  }

  async scheduleLaunch(campaignId: string, at: Date): Promise<void> {
    await this.unscheduleLaunch(campaignId);
    const data: LaunchJobData = { campaignId, at: at.getTime() };
    await this.queues.queue(LAUNCH_QUEUE).add('launch', data, {
      jobId: launchJobId(campaignId),
      delay: Math.max(0, at.getTime() - Date.now()),
      attempts: 10,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: { count: 100 },
    });
  }

  async unscheduleLaunch(campaignId: string): Promise<void> {
    const job = await this.queues.queue(LAUNCH_QUEUE).getJob(launchJobId(campaignId));
    if (job)
      await job
        .remove()
        .catch((e: Error) => this.log.warn(`could not remove launch job of ${campaignId}: ${e.message}`));
  }

  async resetFailureWindow(campaignId: string): Promise<void> {
    await this.redis.del(failureWindowKey(campaignId));
  }

  /** Progress heartbeat of a running campaign; its absence tells the reconciler jobs were lost. */
  async touch(campaignId: string): Promise<void> {
    await this.redis
      .set(heartbeatKey(campaignId), String(Date.now()), 'PX', this.config.stallMs)
      .catch(() => undefined);
  }
}
