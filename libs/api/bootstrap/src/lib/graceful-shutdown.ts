import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { Queues } from '@mini-crm/api/core';

/** After the drain budget, closing (an interrupted import's last batch, pools) may take this long before exit 1. */
export const CLOSE_GRACE_MS = 10_000;

/** How often sockets that went idle after their last answer are closed while draining. */
const IDLE_SWEEP_MS = 50;

/**
 * SIGTERM or SIGINT: {@link shutDown} once (later signals are ignored: the bound holds), then exit 0;
 * exit 1 if closing failed. Installed by runServer; tests close their apps themselves.
 */
export function exitGracefullyOnSignals(app: NestFastifyApplication, timeoutMs: number): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    shutDown(app, timeoutMs, signal).then(
      () => process.exit(0),
      (e: Error) => {
        console.error(`shutdown failed: ${e.stack ?? e.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Graceful shutdown of a process: {@link closeGracefully} within `timeoutMs`, exiting with 1 if closing
 * still runs CLOSE_GRACE_MS after that.
 */
export async function shutDown(app: NestFastifyApplication, timeoutMs: number, signal: string): Promise<void> {
  const log = new Logger('Shutdown');
  const started = Date.now();
  const hardStop = setTimeout(() => {
    console.error(`still closing ${timeoutMs + CLOSE_GRACE_MS} ms after ${signal}: exiting with 1`);
    process.exit(1);
  }, timeoutMs + CLOSE_GRACE_MS);
  hardStop.unref();
  log.log(`${signal}: taking no new requests or jobs; running ones have ${timeoutMs} ms to finish`);
  const drained = await closeGracefully(app, timeoutMs, () =>
    log.warn(`still busy after ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS): interrupting what runs`),
  );
  clearTimeout(hardStop);
  log.log(`stopped ${Date.now() - started} ms after ${signal}${drained ? '' : ' (interrupted)'}`);
}

/**
 * Stop accepting connections and jobs at once; let in-flight requests and jobs finish for up to
 * `timeoutMs`; then cut what still runs (open connections are closed, an import stops after its
 * current batch and says so) and close the app: module hooks wait for the receipt and tracking
 * buffers, then BullMQ workers and queues, the database pool and the Redis clients close.
 * Answers whether everything finished in time. Tests close their apps this way too, so a request
 * still in flight never meets a closed pool.
 */
export async function closeGracefully(
  app: NestFastifyApplication,
  timeoutMs: number,
  onInterrupt: () => void = () => undefined,
): Promise<boolean> {
  const server = app.getHttpServer() as Server;
  // Fastify's close stops listening and resolves once every connection has ended; a keep-alive socket
  // ends only when idle (a request in flight when closing began leaves its socket open for Fastify's
  // 72 s keep-alive timeout), so idle ones are swept until then (new requests on them are answered 503).
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const httpClosed = app.getHttpAdapter().close();
  const jobsDone = app.get(Queues).stopConsuming();
  const drained = await finishesWithin(Promise.all([httpClosed, jobsDone]), timeoutMs);
  if (!drained) {
    onInterrupt();
    server.closeAllConnections();
  }
  clearInterval(sweep);
  await app.close();
  return drained;
}

/** Whether `work` settles within `ms` (its rejection counts as settled: closing goes on either way). */
async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
