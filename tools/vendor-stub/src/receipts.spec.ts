import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  VendorBatchResponse,
  VendorMessageRequest,
  VendorReceipt,
  VendorReceiptBatch,
} from '@mini-crm/vendor-protocol';
import { predictVendorFate } from './outcome.util';
import { freePort, postJson, startReceiver, waitFor, type TestReceiver } from './receiver.test-util';
import { startVendorStub, type VendorStubHandle } from './vendor-stub';

const secret = 'receipt-test-secret';
const email = (key: string): VendorMessageRequest => ({
  idempotencyKey: key,
  channel: 'email',
  to: 'ana@example.com',
  subject: 'Hi',
  body: 'Hello Ana',
});
const sms = (key: string): VendorMessageRequest => ({
  idempotencyKey: key,
  channel: 'sms',
  to: '+14155550100',
  body: 'Hello Ana',
});
const receiptsOf = (receiver: TestReceiver): VendorReceipt[] =>
  receiver.posts.flatMap((p) => (p.json as VendorReceiptBatch).receipts);

describe('delivery receipts', () => {
  let stub: VendorStubHandle;
  let receiver: TestReceiver;
  afterEach(async () => {
    await stub?.close();
    await receiver?.close();
  });

  it('POSTs signed, verifiable batches: one final receipt per accepted message, then opens and clicks', async () => {
    receiver = await startReceiver(secret);
    stub = await startVendorStub({
      secret,
      receiptUrl: `${receiver.url}/api/delivery/receipts`,
      receiptDelayMs: 30,
      receiptBatchSize: 50,
      openRate: 0.5,
      clickRate: 0.2,
    });
    const messages = Array.from({ length: 400 }, (_, i) => (i % 2 ? email(`e-${i}`) : sms(`s-${i}`)));
    const { results } = (await postJson(`${stub.url}/v1/messages/batch`, { messages })).json as VendorBatchResponse;
    const accepted = new Map(
      results.flatMap((r) => (r.status === 'accepted' ? [[r.idempotencyKey, r.vendorMessageId] as const] : [])),
    );
    const rates = { failRate: 0.1, openRate: 0.5, clickRate: 0.2 };
    const expectedByKey = new Map<string, string[]>();
    for (const m of messages) {
      const f = predictVendorFate(m.idempotencyKey, m.channel, rates);
      if (f.fate === 'failed') expectedByKey.set(m.idempotencyKey, ['failed']);
      // Opens and clicks are never receipts (the API tracks them itself).
      if (f.fate === 'delivered') expectedByKey.set(m.idempotencyKey, ['delivered']);
    }
    const expected = [...expectedByKey.values()].flat();
    await waitFor(
      () => receiptsOf(receiver).length >= expected.length && stub.stats().receiptsPending === 0,
      15_000,
      'all receipts',
    );

    expect(receiver.posts.every((p) => p.verified)).toBe(true);
    expect(receiver.posts.every((p) => p.path === '/api/delivery/receipts')).toBe(true);
    expect(receiver.posts.every((p) => (p.json as VendorReceiptBatch).receipts.length <= 50)).toBe(true);
    const receipts = receiptsOf(receiver);
    // every accepted message got its receipts, in lifecycle order
    const arrivedByKey = new Map<string, string[]>();
    for (const r of receipts)
      arrivedByKey.set(r.idempotencyKey, [...(arrivedByKey.get(r.idempotencyKey) ?? []), r.type]);
    expect(arrivedByKey).toEqual(expectedByKey);
    expect(expected.filter((t) => t === 'delivered').length).toBeGreaterThan(0);
    expect(expected.filter((t) => t === 'failed').length).toBeGreaterThan(0);
    expect(new Set(receipts.map((r) => r.id)).size).toBe(receipts.length);
    for (const r of receipts) {
      expect(r.vendorMessageId).toBe(accepted.get(r.idempotencyKey));
      expect(Number.isNaN(Date.parse(r.at))).toBe(false);
      if (r.type === 'failed') expect(r.reason).toEqual(expect.any(String));
      else expect(r.reason).toBeUndefined();
    }
    expect(stub.stats()).toMatchObject({ receiptsSent: expected.length, receiptsPending: 0, receiptPostFailures: 0 });
    const key = receipts.find((r) => r.type === 'delivered' && r.idempotencyKey.startsWith('e-'))
      ?.idempotencyKey as string;
    expect(stub.record(key)).toMatchObject({ delivery: 'delivered', opened: false, clicked: false });
  });

  it('keeps receipts queued while the receiver is down and delivers them all once it is up', async () => {
    const port = await freePort();
    stub = await startVendorStub({
      secret,
      receiptUrl: `http://127.0.0.1:${port}/r`,
      receiptDelayMs: 0,
      receiptRetryBaseMs: 20,
      receiptRetryMaxMs: 100,
      openRate: 0,
      clickRate: 0,
    });
    const messages = Array.from({ length: 300 }, (_, i) => sms(`down-${i}`));
    const { results } = (await postJson(`${stub.url}/v1/messages/batch`, { messages })).json as VendorBatchResponse;
    const accepted = results.filter((r) => r.status === 'accepted').length;
    await waitFor(() => stub.stats().receiptPostFailures >= 3, 10_000, 'failed receipt posts');
    expect(stub.stats()).toMatchObject({ receiptsSent: 0, receiptsPending: accepted });

    receiver = await startReceiver(secret, port);
    await waitFor(() => stub.stats().receiptsPending === 0, 10_000, 'queue drained');
    const receipts = receiptsOf(receiver);
    expect(receipts).toHaveLength(accepted);
    expect(new Set(receipts.map((r) => r.idempotencyKey)).size).toBe(accepted);
    expect(receiver.posts.every((p) => p.verified)).toBe(true);
    expect(stub.stats().receiptsSent).toBe(accepted);
  });

  it('redelivers the same receipts (same ids) after a non-2xx answer', async () => {
    receiver = await startReceiver(secret);
    receiver.status = 500;
    stub = await startVendorStub({
      secret,
      receiptUrl: receiver.url,
      receiptDelayMs: 0,
      receiptRetryBaseMs: 20,
      receiptRetryMaxMs: 50,
      failRate: 0,
      openRate: 0,
      clickRate: 0,
    });
    await postJson(`${stub.url}/v1/messages/batch`, { messages: [sms('a'), sms('b'), sms('c')] });
    await waitFor(() => receiver.posts.length >= 2, 5_000, 'two refused posts');
    expect(stub.stats()).toMatchObject({ receiptsSent: 0, receiptsPending: 3 });
    receiver.status = 204;
    await waitFor(() => stub.stats().receiptsPending === 0, 5_000, 'accepted post');
    const ids = receiver.posts.map((p) => (p.json as VendorReceiptBatch).receipts.map((r) => r.id).join(','));
    expect(new Set(ids).size).toBe(1);
    expect(stub.stats().receiptsSent).toBe(3);
  });

  it('keeps up to receiptConcurrency POSTs in flight while the receiver holds its answers, never more', async () => {
    const held: Array<() => void> = [];
    let open = 0;
    let maxOpen = 0;
    let received = 0;
    const server = http.createServer((req, res) => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received += (JSON.parse(Buffer.concat(chunks).toString('utf8')) as VendorReceiptBatch).receipts.length;
        held.push(() => {
          open--;
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`;
      stub = await startVendorStub({
        secret,
        receiptUrl: url,
        receiptDelayMs: 0,
        receiptBatchSize: 10,
        receiptConcurrency: 3,
        failRate: 0,
        openRate: 0,
        clickRate: 0,
      });
      await postJson(`${stub.url}/v1/messages/batch`, {
        messages: Array.from({ length: 100 }, (_, i) => sms(`held-${i}`)),
      });
      await waitFor(() => held.length === 3, 5_000, 'three posts in flight');
      await new Promise((r) => setTimeout(r, 100));
      expect(held).toHaveLength(3);
      expect(stub.stats()).toMatchObject({ receiptsSent: 0, receiptsPending: 100 });
      while (stub.stats().receiptsPending > 0) {
        held.splice(0).forEach((answer) => answer());
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(maxOpen).toBe(3);
      expect(received).toBe(100);
      expect(stub.stats().receiptsSent).toBe(100);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('without a receiptUrl, applies receipts in memory only', async () => {
    stub = await startVendorStub({ receiptDelayMs: 0, failRate: 0, openRate: 1, clickRate: 1 });
    await postJson(`${stub.url}/v1/messages`, email('mem-1'));
    await waitFor(() => stub.stats().receiptsKept === 1, 5_000, 'kept receipts');
    expect(stub.stats()).toMatchObject({ receiptsSent: 0, receiptsPending: 0 });
    expect(stub.receipts().map((r) => r.type)).toEqual(['delivered']);
    expect(stub.record('mem-1')).toMatchObject({ delivery: 'delivered', opened: false, clicked: false });
    const viaHttp = (await (await fetch(`${stub.url}/v1/receipts?limit=2`)).json()) as VendorReceiptBatch;
    expect(viaHttp.receipts.map((r) => r.type)).toEqual(['delivered']);
  });

  it('can be pointed at a receiver after start (POST /v1/config)', async () => {
    stub = await startVendorStub({ secret, receiptDelayMs: 100, failRate: 0, openRate: 0, clickRate: 0 });
    receiver = await startReceiver(secret);
    // configured after start, before the send: a receipt timer that fired before the config POST
    // arrived would keep its receipt in memory, so sending first made this depend on timing
    expect((await postJson(`${stub.url}/v1/config`, { receiptUrl: receiver.url })).status).toBe(200);
    await postJson(`${stub.url}/v1/messages`, sms('late-1'));
    await waitFor(() => receiptsOf(receiver).length === 1, 5_000, 'receipt');
    expect(receiptsOf(receiver)[0]).toMatchObject({ idempotencyKey: 'late-1', type: 'delivered' });
  });
});
