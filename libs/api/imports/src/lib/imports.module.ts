import { Module } from '@nestjs/common';
import { ConsentModule, CustomersModule } from '@mini-crm/api/customers';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { ImportJobsRepository } from './jobs/import-jobs.repository';
import { ImportProcessor } from './processing/import.processor';
import { ImportRunner } from './processing/import-runner.service';

/** CSV imports: upload, preview, BullMQ processing, progress, cancel and error reports. */
@Module({
  imports: [CustomersModule, ConsentModule],
  controllers: [ImportsController],
  providers: [ImportJobsRepository, ImportsService, ImportRunner, ImportProcessor],
  exports: [ImportsService],
})
export class ImportsModule {}
