import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ImportRunner } from './import-runner.service';

export const IMPORT_QUEUE = 'imports';

export interface ImportJobData {
  importId: string;
}

/** BullMQ consumer of the `imports` queue: one import at a time per process. */
@Processor(IMPORT_QUEUE, { concurrency: 1 })
export class ImportProcessor extends WorkerHost {
  constructor(private readonly runner: ImportRunner) {
    super();
  }

  async process(job: Job<ImportJobData>): Promise<void> {
    await this.runner.run(job.data.importId);
  }
}
