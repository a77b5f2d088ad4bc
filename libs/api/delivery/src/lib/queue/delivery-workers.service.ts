import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig, closeWhenConnected, redisOptionsFromUrl } from '@mini-crm/api/core';
import { CAMPAIGN_CHANNELS } from '@mini-crm/contracts';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { DeliveryQueueService } from './delivery-queue.service';
import { DeliveryReconcilerService } from './delivery-reconciler.service';
import { LAUNCH_QUEUE, LaunchJobData, SEND_QUEUE, SendJobData } from './delivery-queues';
import { LaunchProcessor } from './launch.processor';
import { SendBatchProcessor } from './send-batch.processor';

/**
 * Queue consumers of this process: one worker per channel (own concurrency and rate limit), the
 * scheduled-launch worker and the reconciler. Nothing starts when WORKERS_IN_API=false.
 */
@Injectable()
export class DeliveryWorkersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DeliveryWorkers');
  private readonly workers: Worker[] = [];
  private timer?: NodeJS.Timeout;
  private reconciling?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    private readonly queues: DeliveryQueueService,
    private readonly sender: SendBatchProcessor,
    private readonly launcher: LaunchProcessor,
    private readonly reconciler: DeliveryReconcilerService,
  ) {}

  get running(): boolean {
    return this.workers.length > 0;
  }

  onApplicationBootstrap(): void {
    if (!this.config.workersEnabled) return;
    if (!this.config.vendorUrl) this.log.warn('VENDOR_URL is not set: campaigns cannot be launched until it is');
    const common = {
      connection: redisOptionsFromUrl(this.app.redisUrl),
      prefix: this.queues.bullPrefix,
      // Short locks so a killed worker's job is picked up again within seconds.
      lockDuration: 15_000,
      stalledInterval: 5_000,
      maxStalledCount: 20,
    };
    for (const channel of CAMPAIGN_CHANNELS) {
      const perSecond = this.config.rateLimit[channel];
      const jobSize = this.queues.jobSize(channel);
      this.add(
        new Worker<SendJobData>(SEND_QUEUE[channel], (job: Job<SendJobData>) => this.sender.process(job), {
          ...common,
          concurrency: this.config.concurrency,
          limiter: { max: Math.max(1, Math.floor(perSecond / jobSize)), duration: 1000 },
        }),
      );
    }
    this.add(
      new Worker<LaunchJobData>(LAUNCH_QUEUE, (job: Job<LaunchJobData>) => this.launcher.process(job), {
        ...common,
        concurrency: 2,
      }),
    );
    this.timer = setInterval(() => {
      this.reconciling ??= this.reconciler
        .tick()
        .catch((e: Error) => this.log.warn(`reconcile failed: ${e.message}`))
        .finally(() => (this.reconciling = undefined));
    }, this.config.reconcileMs);
    this.timer.unref();
    this.log.log(`delivery workers running (concurrency ${this.config.concurrency}, batch ${this.config.batchSize})`);
  }

  private add(worker: Worker): void {
    worker.on('error', (e) => this.log.warn(`worker ${worker.name}: ${e.message}`));
    worker.on('failed', (job, e) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        this.log.warn(`job ${worker.name}/${job.id} gave up: ${e.message}`);
    });
    this.workers.push(worker);
  }

  // Before the database and Redis clients close (they close on application shutdown).
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.reconciling;
    await Promise.all(this.workers.map(closeWhenConnected));
    this.workers.length = 0;
  }
}
