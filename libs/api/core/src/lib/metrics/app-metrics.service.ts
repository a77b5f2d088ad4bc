import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import type { DbHandle } from '@mini-crm/db';
import { DB_HANDLE } from '../db/database.module';
import { QUEUE_NAMES } from '../queue/queue-names';
import { Queues } from '../queue/queues.service';
import { processRegistry } from './process-metrics';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * The app's figures read on scrape from its own clients: BullMQ job counts per queue and state
 * (shared by every process on the Redis), and this process's database pool. `scrape()` answers
 * them with the process figures in Prometheus text.
 */
@Injectable()
export class AppMetrics implements OnModuleInit {
  private readonly registry = new Registry();

  constructor(
    private readonly queues: Queues,
    @Inject(DB_HANDLE) private readonly handle: DbHandle,
  ) {}

  onModuleInit(): void {
    const queues = this.queues;
    new Gauge({
      name: 'crm_queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await Promise.all(QUEUE_NAMES.map((name) => queues.queue(name).getJobCounts(...JOB_STATES)));
        QUEUE_NAMES.forEach((name, i) => {
          for (const state of JOB_STATES) this.set({ queue: name, state }, counts[i][state] ?? 0);
        });
      },
    });
    const pool = this.handle.pool;
    new Gauge({
      name: 'crm_db_pool_connections',
      help: 'node-postgres pool connections by state (in_use, idle, waiting = clients queued for one); absent on PGlite',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        if (!pool) return;
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  readonly contentType = processRegistry.contentType;

  async scrape(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processRegistry.metrics()]);
    return `${process}\n${own}`;
  }
}
