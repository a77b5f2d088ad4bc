import { Module } from '@nestjs/common';
import { SegmentsController } from './segments.controller';
import { SegmentFieldsController } from './segment-fields.controller';
import { SegmentsRepository } from './segments.repository';
import { SegmentsService } from './segments.service';
import { SegmentExportService } from './segment-export.service';
import { SegmentFieldsService } from './segment-fields.service';
import { SegmentSnapshotCron } from './segment-snapshot.cron';

/** Saved segments, previews, audience queries and size history. Other modules use SegmentsService. */
@Module({
  controllers: [SegmentsController, SegmentFieldsController],
  providers: [SegmentsRepository, SegmentsService, SegmentExportService, SegmentFieldsService, SegmentSnapshotCron],
  exports: [SegmentsService],
})
export class SegmentsModule {}
