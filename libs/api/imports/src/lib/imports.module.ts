import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { ImportJobsRepository } from './jobs/import-jobs.repository';
import { IMPORT_QUEUE, ImportProcessor } from './processing/import.processor';
import { ImportRunner } from './processing/import-runner.service';

/** CSV imports: upload, preview, BullMQ processing, progress, cancel and error reports. */
@Module({
  imports: [BullModule.registerQueue({ name: IMPORT_QUEUE })],
  controllers: [ImportsController],
  providers: [ImportJobsRepository, ImportsService, ImportRunner, ImportProcessor],
  exports: [ImportsService],
})
export class ImportsModule {}
