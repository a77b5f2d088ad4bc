import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { INSIGHTS_QUEUE, Queues } from '@mini-crm/api/core';
import { INSIGHTS_CONFIG, type InsightsConfig } from './insights.config';
import { InsightsService } from './insights.service';

/** Runs model jobs one at a time where this process consumes queues, and keeps the nightly schedule. */
@Injectable()
export class InsightsConsumer implements OnModuleInit {
  private readonly log = new Logger('Insights');

  constructor(
    private readonly queues: Queues,
    private readonly insights: InsightsService,
    @Inject(INSIGHTS_CONFIG) private readonly config: InsightsConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.queues.consume(INSIGHTS_QUEUE, (job) => this.insights.process(job), { concurrency: 1 })) return;
    const queue = this.queues.queue(INSIGHTS_QUEUE);
    try {
      if (this.config.cron) {
        await queue.upsertJobScheduler(
          'insights-nightly',
          { pattern: this.config.cron, tz: 'UTC' },
          {
            name: 'nightly',
            data: { reason: 'nightly' },
            opts: { removeOnComplete: 100, removeOnFail: 100 },
          },
        );
      } else {
        await queue.removeJobScheduler('insights-nightly');
      }
    } catch (e) {
      this.log.warn(`nightly schedule not set: ${(e as Error).message}`);
    }
  }
}
