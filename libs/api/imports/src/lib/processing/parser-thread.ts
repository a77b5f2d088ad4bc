import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseToWire, type ParserJob, type ParserMessage } from './parse-to-wire';

/** A running parser: messages in file order; `stop()` ends it early. */
export interface ParserHandle {
  messages: AsyncIterable<ParserMessage>;
  /** `thread` when parsing runs in a worker thread, `inline` when on the caller's thread. */
  mode: 'thread' | 'inline';
  stop(): Promise<void>;
}

/** Batches the parser may run ahead of the writer. */
const WINDOW = 3;

/**
 * Starts parsing `job` in a worker thread, so that parsing and normalizing (phone numbers above
 * all) use one core while this thread writes to the database. The worker runs the compiled
 * `parser.worker.js` next to this file, or the TypeScript source through tsx (tests, benchmarks,
 * dev). When neither is available (e.g. a single-file bundle) or `threads` is false, it parses on
 * this thread instead: same messages, one core.
 */
export function startParser(job: ParserJob, threads = true): ParserHandle {
  const worker = threads ? spawnWorker(job) : null;
  return worker ? fromWorker(worker) : inline(job);
}

function spawnWorker(job: ParserJob): Worker | null {
  const js = join(__dirname, 'parser.worker.js');
  const ts = join(__dirname, 'parser.worker.ts');
  const workerData = { job, window: WINDOW };
  // A bounded heap makes V8 collect instead of growing: live data is a few batches (~10 MB).
  const resourceLimits = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
  try {
    if (existsSync(js)) return new Worker(js, { workerData, resourceLimits });
    if (existsSync(ts)) {
      // createRequire keeps bundlers from resolving tsx at build time (only dev/test runs take this path).
      const tsx = createRequire(ts).resolve('tsx/cjs/api');
      // The workspace's path aliases (@mini-crm/*) live in tsconfig.base.json, which tsx must be pointed at.
      const tsconfig = join(__dirname, '../../../../../../tsconfig.base.json');
      const code = `process.env.TSX_TSCONFIG_PATH = ${JSON.stringify(tsconfig)}; require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(ts)});`;
      return new Worker(code, { eval: true, workerData, resourceLimits });
    }
  } catch {
    /* fall back to inline */
  }
  return null;
}

function fromWorker(worker: Worker): ParserHandle {
  const queue: ParserMessage[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ParserMessage | { type: 'end' }) => {
    if (m.type === 'end') ended = true;
    else queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', (code) => {
    if (!ended && !failure) failure = new Error(`the parser thread stopped unexpectedly (exit code ${code})`);
    ended = true;
    notify();
  });
  async function* messages(): AsyncGenerator<ParserMessage, void, undefined> {
    try {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          if (next.type === 'batch') worker.postMessage('ack');
          continue;
        }
        if (failure) throw failure;
        if (ended) return;
        await new Promise<void>((r) => (wake = r));
      }
    } finally {
      worker.postMessage('stop');
    }
  }
  return {
    messages: messages(),
    mode: 'thread',
    async stop() {
      await worker.terminate();
    },
  };
}

function inline(job: ParserJob): ParserHandle {
  const gen = parseToWire(job);
  return {
    messages: gen,
    mode: 'inline',
    async stop() {
      await gen.return(undefined);
    },
  };
}
