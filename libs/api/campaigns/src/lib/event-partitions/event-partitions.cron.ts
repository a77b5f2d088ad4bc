import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { APP_CONFIG, Clock, CronLock, type AppConfig } from '@mini-crm/api/core';
import { EVENT_TABLES, EventPartitionsRepository, monthPartitionName } from './event-partitions.repository';
import { loadEventRetentionConfig, type EventRetentionConfig } from './event-retention.config';

export interface EventPartitionsRun {
  /** Partitions made, `<table>_yYYYYmMM`. */
  created: string[];
  dropped: string[];
  /** Expired rows deleted from the default partitions. */
  deletedFromDefault: number;
}

/** The first day (`YYYY-MM-01`) of the UTC month `offset` months from `at`'s. */
export function monthStart(at: Date, offset = 0): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

/**
 * Daily: gives message_events and engagement_events a partition for the current month and the next
 * `monthsAhead` (and for any month whose rows sit in the default partition), then drops the partitions of
 * months more than MESSAGE_EVENTS_RETENTION_MONTHS before the current one. Analytics reads the rollup, which
 * is kept. Every process fires it; one takes the day (CronLock).
 */
@Injectable()
export class EventPartitionsCron {
  private readonly logger = new Logger('EventPartitions');
  private readonly config: EventRetentionConfig;

  constructor(
    private readonly repo: EventPartitionsRepository,
    private readonly clock: Clock,
    private readonly lock: CronLock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.config = loadEventRetentionConfig(config);
  }

  @Cron(CronExpression.EVERY_DAY_AT_4AM, { name: 'event-partitions' })
  scheduled(at: Date = this.clock.now()): Promise<EventPartitionsRun | null> {
    return this.lock.once('event-partitions', 86_400_000, () => this.run(at), at.getTime());
  }

  async run(now: Date = this.clock.now()): Promise<EventPartitionsRun> {
    const cutoff = monthStart(now, -this.config.retentionMonths);
    const out: EventPartitionsRun = { created: [], dropped: [], deletedFromDefault: 0 };
    for (const table of EVENT_TABLES) {
      const ahead = Array.from({ length: this.config.monthsAhead + 1 }, (_, i) => monthStart(now, i));
      const stray = (await this.repo.monthsInDefault(table)).filter((m) => m >= cutoff);
      for (const month of [...new Set([...stray, ...ahead])].sort())
        if (await this.repo.create(table, month)) out.created.push(monthPartitionName(table, month));
      for (const partition of await this.repo.partitions(table))
        if (partition.month < cutoff) {
          await this.repo.drop(partition);
          out.dropped.push(partition.name);
        }
      out.deletedFromDefault += await this.repo.deleteDefaultBefore(table, cutoff);
    }
    if (out.created.length || out.dropped.length || out.deletedFromDefault)
      this.logger.log(
        `event partitions: created ${out.created.join(', ') || 'none'}; dropped ${out.dropped.join(', ') || 'none'}` +
          ` (older than ${cutoff}); ${out.deletedFromDefault} expired rows deleted from the default partitions`,
      );
    return out;
  }
}
