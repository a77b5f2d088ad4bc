import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker, type WorkerOptions } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { runWithRequestId } from '../http/request-context';
import { appKeyPrefix, bullConnection } from '../redis/redis-client';
import type { QueueName, QueuePayloads } from './queue-names';
import { closeWhenConnected } from './queue-shutdown';
import { RequestTracedQueue, requestIdOf } from './request-traced-queue';

/** What a consumer may tune; connection and key prefix are the app's. */
export type ConsumerOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

/**
 * The one way to use a queue: `queue(name)` to add jobs (any process), `consume(name, processor)`
 * to run them — only where WORKERS_IN_API allows (apps/worker always does), so an API with
 * `WORKERS_IN_API=false` enqueues and never processes. Each queue and worker has its own Redis
 * connections (a worker blocks on one); on a Redis Cluster the prefix is hash-tagged (`{crm}:bull`)
 * so each queue's keys share a slot, and the cluster clients lent to BullMQ are closed here.
 * Workers close before application shutdown, that is after every module's onModuleDestroy (where consumers tell running jobs to wrap up) and before the
 * database and Redis clients close; queues close on application shutdown.
 */
@Injectable()
export class Queues implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger('Queues');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private stopping: Promise<void> | null = null;
  /** Cluster clients lent to BullMQ (it never closes a client it was given). */
  private readonly lent: { quit(): Promise<unknown>; disconnect(): void }[] = [];
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = `${appKeyPrefix(config)}bull`;
  }

  private connection() {
    const c = bullConnection(this.config);
    if ('quit' in c && typeof c.quit === 'function') {
      (c as unknown as { on(e: string, f: () => void): void }).on('error', () => undefined); // BullMQ reports it
      this.lent.push(c as never);
    }
    return c;
  }

  /** Whether this process runs queue processors. */
  get consuming(): boolean {
    return this.config.consumeQueues;
  }

  queue<N extends QueueName>(name: N): Queue<QueuePayloads[N]> {
    let q = this.queues.get(name);
    if (!q) {
      q = new RequestTracedQueue(name, { connection: this.connection(), prefix: this.prefix });
      // An 'error' event without a listener would crash the process when Redis drops.
      q.on('error', (e) => this.log.warn(`queue ${name}: ${e.message}`));
      this.queues.set(name, q);
    }
    return q as Queue<QueuePayloads[N]>;
  }

  /** Starts a worker for `name` when this process consumes; answers whether it did. */
  consume<N extends QueueName>(
    name: N,
    processor: (job: Job<QueuePayloads[N]>) => Promise<unknown>,
    options: ConsumerOptions = {},
  ): boolean {
    if (!this.consuming) return false;
    // The job runs under the id of the request that enqueued it: its logs and audit rows carry it.
    const traced = (job: Job<QueuePayloads[N]>) => runWithRequestId(requestIdOf(job.data), () => processor(job));
    const worker = new Worker<QueuePayloads[N]>(name, traced, {
      ...options,
      connection: this.connection(),
      prefix: this.prefix,
    });
    worker.on('error', (e) => this.log.warn(`worker ${name}: ${e.message}`));
    worker.on('failed', (job, e) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        this.log.warn(`job ${name}/${job.id} gave up: ${e.message}`);
    });
    this.workers.push(worker);
    return true;
  }

  /**
   * Graceful shutdown's first step: every worker stops taking jobs and resolves once its running
   * jobs have finished (BullMQ's non-forced close). Application shutdown awaits the same closing.
   */
  stopConsuming(): Promise<void> {
    const workers = this.workers.splice(0);
    const closing = Promise.all(workers.map(closeWhenConnected)).then(() => undefined);
    this.stopping = this.stopping ? Promise.all([this.stopping, closing]).then(() => undefined) : closing;
    return this.stopping;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stopConsuming();
  }

  async onApplicationShutdown(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map(closeWhenConnected));
    const lent = this.lent.splice(0);
    await Promise.all(lent.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
