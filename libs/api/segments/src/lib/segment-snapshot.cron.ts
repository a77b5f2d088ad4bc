import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { CronLock } from '@mini-crm/api/core';
import { SegmentsService } from './segments.service';

/** A segment saved or snapshotted this recently is not counted again by the daily run. */
const FRESH_FOR_MS = 12 * 3600_000;

/** Daily size history: one `segment_snapshots` row per non-archived segment. */
@Injectable()
export class SegmentSnapshotCron {
  private readonly logger = new Logger('SegmentSnapshots');

  constructor(
    private readonly segments: SegmentsService,
    private readonly lock: CronLock,
  ) {}

  /** Every process fires; one takes the day (CronLock) and the others skip (null). */
  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'segment-snapshots' })
  scheduled(now: Date = new Date()): Promise<{ snapshotted: number; failed: number } | null> {
    return this.lock.once('segment-snapshots', 12 * 3600_000, () => this.run(now), now.getTime());
  }

  // The freshness check also keeps a manual or repeated run from counting what one just counted.
  async run(now: Date = new Date()): Promise<{ snapshotted: number; failed: number }> {
    const result = await this.segments.snapshotAll({ freshSince: new Date(now.getTime() - FRESH_FOR_MS) });
    if (result.snapshotted || result.failed)
      this.logger.log(`segment snapshots: ${result.snapshotted} taken, ${result.failed} failed`);
    return result;
  }
}
