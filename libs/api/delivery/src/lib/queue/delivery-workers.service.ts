import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LAUNCH_QUEUE, Queues, SEND_QUEUE } from '@mini-crm/api/core';
import { CAMPAIGN_CHANNELS } from '@mini-crm/contracts';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { ChannelProviders } from '../providers/channel-providers';
import { missingVendorWarning } from './vendor-warning.util';
import { DeliveryQueueService } from './delivery-queue.service';
import { DeliveryReconcilerService } from './delivery-reconciler.service';
import { LaunchProcessor } from './launch.processor';
import { SendBatchProcessor } from './send-batch.processor';

/** Short locks so a killed worker's job is picked up again within seconds. */
const LOCKS = { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 20 };

/**
 * Queue consumers of this process: one worker per channel (own concurrency, and a rate limit
 * BullMQ keeps in Redis, so it holds across all worker processes), the scheduled-launch worker
 * and the reconciler. Nothing starts where the process does not consume (WORKERS_IN_API=false).
 */
@Injectable()
export class DeliveryWorkersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DeliveryWorkers');
  private timer?: NodeJS.Timeout;
  private reconciling?: Promise<void>;

  constructor(
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    private readonly queues: Queues,
    private readonly dispatcher: DeliveryQueueService,
    private readonly sender: SendBatchProcessor,
    private readonly launcher: LaunchProcessor,
    private readonly reconciler: DeliveryReconcilerService,
    private readonly providers: ChannelProviders,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.queues.consuming) return;
    const warning = missingVendorWarning(this.config.vendorUrl, (c) => this.providers.of(c).name, CAMPAIGN_CHANNELS);
    if (warning) this.log.warn(warning);
    for (const channel of CAMPAIGN_CHANNELS) {
      const perSecond = this.config.rateLimit[channel];
      const jobSize = this.dispatcher.jobSize(channel);
      this.queues.consume(SEND_QUEUE[channel], (job) => this.sender.process(job), {
        ...LOCKS,
        concurrency: this.config.concurrency,
        limiter: { max: Math.max(1, Math.floor(perSecond / jobSize)), duration: 1000 },
      });
    }
    this.queues.consume(LAUNCH_QUEUE, (job) => this.launcher.process(job), { ...LOCKS, concurrency: 2 });
    this.timer = setInterval(() => {
      this.reconciling ??= this.reconciler
        .tick()
        .catch((e: Error) => this.log.warn(`reconcile failed: ${e.message}`))
        .finally(() => (this.reconciling = undefined));
    }, this.config.reconcileMs);
    this.timer.unref();
    this.log.log(`delivery workers running (concurrency ${this.config.concurrency}, batch ${this.config.batchSize})`);
  }

  // The workers themselves close in Queues, after this and before the database and Redis clients.
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.reconciling;
  }
}
