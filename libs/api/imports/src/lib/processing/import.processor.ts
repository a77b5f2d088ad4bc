import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { IMPORT_QUEUE, Queues } from '@mini-crm/api/core';
import { ImportRunner } from './import-runner.service';

/** Consumer of the `imports` queue (where this process consumes): one import at a time per process. */
@Injectable()
export class ImportProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly queues: Queues,
    private readonly runner: ImportRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.consume(IMPORT_QUEUE, (job) => this.runner.run(job.data.importId), { concurrency: 1 });
  }
}
