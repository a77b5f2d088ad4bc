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

describe('batch throughput (smoke floor; bench/ measures the ceiling)', () => {
  it('takes well over 10,000 messages/s through /v1/messages/batch, exactly once', async () => {
    const stub = await startVendorStub({ receiptDelayMs: 0 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    try {
      const total = 60_000;
      // bodies are serialized up front so the client's own work is not measured
      const bodies = Array.from({ length: total / 1000 }, (_, b) =>
        JSON.stringify({
          messages: Array.from({ length: 1000 }, (_, i) => ({
            idempotencyKey: `8a1f0c3e-campaign:${String(b * 1000 + i).padStart(8, '0')}-customer`,
            channel: i % 2 ? 'sms' : 'email',
            to: i % 2 ? `+1415555${String(i).padStart(4, '0')}` : `user${i}@example.com`,
            subject: i % 2 ? undefined : 'Summer sale',
            body: 'Hi Ana, our summer sale starts today: 20% off everything. Reply STOP to opt out.',
          })),
        }),
      );
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      let next = 0;
      let answered = 0;
      const worker = async () => {
        while (next < bodies.length) {
          const { results } = await post(agent, `${stub.url}/v1/messages/batch`, bodies[next++]);
          answered += results.length;
        }
      };
      await Promise.all([worker(), worker()]);
      const cpu = process.cpuUsage(cpu0);
      const wallPerSecond = total / ((performance.now() - t0) / 1000);
      // CPU time rather than wall time: other processes on a shared machine must not fail this.
      const perCpuSecond = total / ((cpu.user + cpu.system) / 1e6);
      console.log(
        `vendor-stub batch endpoint: ${Math.round(perCpuSecond)} messages per CPU-second, ${Math.round(wallPerSecond)} messages/s wall (client included)`,
      );
      expect(answered).toBe(total);
      expect(stub.stats()).toMatchObject({ attempts: total, sends: total, duplicates: 0 });
      expect(perCpuSecond).toBeGreaterThan(10_000);
    } finally {
      agent.destroy();
      await stub.close();
    }
  });
});
