import http from 'node:http';
import type { VendorBatchResponse } from '@mini-crm/vendor-protocol';
import { startVendorStub } from './vendor-stub';

/** POSTs with a keep-alive agent (fetch would add its own overhead to the measurement). */
function post(agent: http.Agent, url: string, raw: string): Promise<VendorBatchResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(Buffer.concat(chunks).toString()))
            : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(raw);
  });
}

function batchBody(from: number, count: number): string {
  return JSON.stringify({
    messages: Array.from({ length: count }, (_, k) => {
      const i = from + k;
      return {
        idempotencyKey: `8a1f0c3e-campaign:${String(i).padStart(8, '0')}-customer`,
        channel: i % 2 ? 'sms' : 'email',
        to: i % 2 ? `+1415555${String(i % 10_000).padStart(4, '0')}` : `user${i}@example.com`,
        subject: i % 2 ? undefined : 'Summer sale',
        body: 'Hi Ana, our summer sale starts today: 20% off everything. Reply STOP to opt out.',
      };
    }),
  });
}

// Speed is measured by bench/delivery (stub-ceiling.ts), never here: this proves the batch path
// answers every message of a large, concurrent load exactly once.
describe('batch endpoint under volume', () => {
  it('answers 20,000 messages over two concurrent connections exactly once, and counts a deliberate duplicate', async () => {
    const stub = await startVendorStub({ receiptDelayMs: 0 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    try {
      const total = 20_000;
      const bodies = Array.from({ length: total / 1000 }, (_, b) => batchBody(b * 1000, 1000));
      let next = 0;
      let answered = 0;
      const worker = async () => {
        while (next < bodies.length) {
          const { results } = await post(agent, `${stub.url}/v1/messages/batch`, bodies[next++]);
          answered += results.length;
        }
      };
      await Promise.all([worker(), worker()]);
      expect(answered).toBe(total);
      expect(stub.stats()).toMatchObject({ attempts: total, sends: total, duplicates: 0 });

      // the same idempotency key sent again is a replay: answered, counted as a duplicate, never sent twice
      const { results } = await post(agent, `${stub.url}/v1/messages/batch`, batchBody(7, 1));
      expect(results).toHaveLength(1);
      expect(stub.stats()).toMatchObject({ attempts: total + 1, sends: total, replays: 1, duplicates: 1 });
    } finally {
      agent.destroy();
      await stub.close();
    }
  });
});
