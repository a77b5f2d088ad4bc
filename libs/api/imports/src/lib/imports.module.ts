import { Module } from '@nestjs/common';
import { ConsentModule, CustomersModule } from '@mini-crm/api/customers';
import { CustomerBatchController } from './batch/customer-batch.controller';
import { CustomerBatchService } from './batch/customer-batch.service';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { ImportJobsRepository } from './jobs/import-jobs.repository';
import { ImportProcessor } from './processing/import.processor';
import { ImportRunner } from './processing/import-runner.service';
import { DatabaseUploadStore } from './storage/database-upload-store';
import { UploadChunksRepository } from './storage/upload-chunks.repository';
import { UploadRefsRepository } from './storage/upload-refs.repository';
import { UploadStorage } from './storage/upload-storage.service';

/** CSV imports (upload, preview, BullMQ processing, progress, cancel, error reports) and the API's customer batches, which share the import's writer. */
@Module({
  imports: [CustomersModule, ConsentModule],
  controllers: [ImportsController, CustomerBatchController],
  providers: [
    CustomerBatchService,
    ImportJobsRepository,
    ImportsService,
    ImportRunner,
    ImportProcessor,
    UploadChunksRepository,
    UploadRefsRepository,
    DatabaseUploadStore,
    UploadStorage,
  ],
  exports: [ImportsService],
})
export class ImportsModule {}
