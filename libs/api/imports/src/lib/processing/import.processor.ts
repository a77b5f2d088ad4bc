import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ImportRunner } from './import-runner.service';

export const IMPORT_QUEUE = 'imports';

export interface ImportJobData {
  importId: string;
}

/** BullMQ consumer of the `imports` queue: one import at a time per process. */
@Processor(IMPORT_QUEUE, { concurrency: 1 })
export class ImportProcessor extends WorkerHost {
  private readonly log = new Logger(ImportProcessor.name);

  constructor(private readonly runner: ImportRunner) {
    super();
  }

  async process(job: Job<ImportJobData>): Promise<void> {
    await this.runner.run(job.data.importId);
  }

  /** Without a listener, a Redis connection error (or closing mid-connect) would be an uncaught 'error' event. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.log.warn(`worker ${IMPORT_QUEUE}: ${err.message}`);
  }
}
