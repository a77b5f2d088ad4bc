// Worker-thread entry: parses one import file and posts wire batches to the writer thread,
// never more than `window` batches ahead of the writer's acknowledgements.
import { parentPort, workerData } from 'node:worker_threads';
import { customerBatchTransferables, type CustomerWireBatch } from '../writing/customer-wire';
import { parseToWire, type ParserJob } from './parse-to-wire';

const port = parentPort;
if (port) {
  const { job, window } = workerData as { job: ParserJob; window: number };
  let credits = window;
  let wake: (() => void) | null = null;
  let stopped = false;
  port.on('message', (m: string) => {
    if (m === 'ack') credits++;
    else if (m === 'stop') stopped = true;
    wake?.();
    wake = null;
  });
  void (async () => {
    for await (const message of parseToWire(job)) {
      if (message.type === 'batch') {
        while (credits === 0 && !stopped) await new Promise<void>((r) => (wake = r));
        credits--;
      }
      if (stopped) break;
      // Customer batches hand their packed buffers over instead of copying them.
      port.postMessage(
        message,
        message.type === 'batch' && message.batch.kind === 'customers'
          ? customerBatchTransferables(message.batch as CustomerWireBatch)
          : [],
      );
    }
    port.postMessage({ type: 'end' });
    port.close();
  })();
}
