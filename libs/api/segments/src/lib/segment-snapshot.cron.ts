import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SegmentsService } from './segments.service';

/** A segment saved or snapshotted this recently is not counted again by the daily run. */
const FRESH_FOR_MS = 12 * 3600_000;

/** Daily size history: one `segment_snapshots` row per non-archived segment. */
@Injectable()
export class SegmentSnapshotCron {
  private readonly logger = new Logger('SegmentSnapshots');

  constructor(private readonly segments: SegmentsService) {}

  // Several API instances may fire together; the freshness check makes later runs skip what an
  // earlier one just counted.
  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'segment-snapshots' })
  async run(now: Date = new Date()): Promise<{ snapshotted: number; failed: number }> {
    const result = await this.segments.snapshotAll({ freshSince: new Date(now.getTime() - FRESH_FOR_MS) });
    if (result.snapshotted || result.failed)
      this.logger.log(`segment snapshots: ${result.snapshotted} taken, ${result.failed} failed`);
    return result;
  }
}
