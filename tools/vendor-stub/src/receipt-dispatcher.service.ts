import http from 'node:http';
import https from 'node:https';
import { vendorSignatureHeaders, type VendorReceipt } from '@mini-crm/vendor-protocol';
import { postJson } from './http.util';
import { CLICKED_BIT, DELIVERED_BIT, FAILED_BIT, MessageStore, OPENED_BIT } from './message-store.service';
import type { ResolvedVendorStubOptions } from './options.util';
import { RECEIPT_DELIVERED, RECEIPT_FAILED, RECEIPT_TYPES, ReceiptQueue } from './receipt-queue.service';

const TICK_MS = 20;
/** Receipts applied per turn of the event loop when no receiver is configured. */
const MEMORY_CHUNK = 20_000;
const TYPE_BITS = [DELIVERED_BIT, FAILED_BIT, OPENED_BIT, CLICKED_BIT];

/** Receipts taken off the queue for one POST (or, without a receiver, applied at once). */
interface ReceiptBatch {
  /** Order taken, so a failed batch goes back ahead of later ones. */
  order: number;
  slots: Uint32Array;
  types: Uint8Array;
  receipts: VendorReceipt[];
}

/**
 * Sends due receipts to `receiptUrl` in signed batches from one periodic timer, at most
 * `receiptConcurrency` POSTs in flight (a receiver that answers after its commit is then not paced
 * by one round trip at a time). A failed POST puts its receipts back ahead of every later batch and
 * backs off (doubling up to receiptRetryMaxMs, retrying forever): receipts are never dropped.
 * Only `delivered` and `failed` receipts exist: opens and clicks are the API's own tracking, which
 * `onDelivered` (the engagement simulator) exercises once a delivery was acknowledged.
 * Without a receiptUrl, due receipts are applied in memory only.
 */
export class ReceiptDispatcher {
  sent = 0;
  kept = 0;
  postFailures = 0;
  private readonly queue = new ReceiptQueue();
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };
  private readonly log: VendorReceipt[] = [];
  private logNext = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly posts = new Set<Promise<void>>();
  /** Failed batches waiting to be sent again, oldest first. */
  private retry: ReceiptBatch[] = [];
  private inFlightReceipts = 0;
  private taken = 0;
  private retryAt = 0;
  private consecutiveFailures = 0;
  private generation = 0;

  constructor(
    private readonly store: MessageStore,
    private readonly options: () => ResolvedVendorStubOptions,
    private readonly onDelivered: (slot: number, now: number) => void = () => undefined,
  ) {}

  /** Receipts not yet acknowledged: queued, in flight or waiting for a retry. */
  get pending(): number {
    return this.queue.length + this.inFlightReceipts + this.retry.reduce((n, b) => n + b.receipts.length, 0);
  }

  start(): void {
    this.timer ??= setInterval(() => this.pump(), TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.generation++;
    this.agents.http.destroy();
    this.agents.https.destroy();
    await Promise.all([...this.posts]);
  }

  schedule(slot: number, type: number, now: number): void {
    this.queue.push(slot, type, now + this.options().receiptDelayMs);
  }

  /** Latest receipts (sent or kept), oldest first. */
  recent(limit: number): VendorReceipt[] {
    const ordered =
      this.log.length < this.options().receiptLogLimit
        ? this.log
        : [...this.log.slice(this.logNext), ...this.log.slice(0, this.logNext)];
    return ordered.slice(Math.max(0, ordered.length - limit));
  }

  /** A receiver answers after retries without waiting for the next tick. */
  retryNow(): void {
    this.retryAt = 0;
    this.consecutiveFailures = 0;
    this.pump();
  }

  clear(): void {
    this.generation++;
    this.queue.clear();
    this.retry = [];
    this.inFlightReceipts = 0;
    this.sent = 0;
    this.kept = 0;
    this.postFailures = 0;
    this.retryAt = 0;
    this.consecutiveFailures = 0;
    this.log.length = 0;
    this.logNext = 0;
  }

  private pump(): void {
    const now = Date.now();
    if (now < this.retryAt) return;
    const opts = this.options();
    if (!opts.receiptUrl) {
      let done = 0;
      for (
        let n = this.queue.dueCount(now, opts.receiptBatchSize);
        n > 0;
        n = this.queue.dueCount(now, opts.receiptBatchSize)
      ) {
        this.apply(this.take(n), now);
        this.kept += n;
        done += n;
        if (done >= MEMORY_CHUNK) {
          setImmediate(() => this.pump());
          break;
        }
      }
      return;
    }
    while (this.posts.size < opts.receiptConcurrency) {
      let batch = this.retry.shift();
      if (!batch) {
        const n = this.queue.dueCount(now, opts.receiptBatchSize);
        if (n === 0) return;
        batch = this.take(n);
      }
      this.post(batch, opts.receiptUrl, opts.secret, opts.clockSkewMs);
    }
  }

  private post(batch: ReceiptBatch, url: string, secret: string, clockSkewMs: number): void {
    const rawBody = JSON.stringify({ receipts: batch.receipts });
    const generation = this.generation;
    const n = batch.receipts.length;
    this.inFlightReceipts += n;
    const done: Promise<void> = postJson(
      url,
      rawBody,
      vendorSignatureHeaders(secret, rawBody, Date.now() + clockSkewMs),
      this.agents,
    ).then((res) => {
      this.posts.delete(done);
      if (generation !== this.generation) return;
      this.inFlightReceipts -= n;
      if (res.status >= 200 && res.status < 300) {
        this.apply(batch, Date.now());
        this.sent += n;
        this.consecutiveFailures = 0;
        setImmediate(() => this.pump());
      } else {
        this.postFailures++;
        this.consecutiveFailures++;
        this.retry.push(batch);
        this.retry.sort((a, b) => a.order - b.order);
        const o = this.options();
        this.retryAt =
          Date.now() + Math.min(o.receiptRetryBaseMs * 2 ** (this.consecutiveFailures - 1), o.receiptRetryMaxMs);
      }
    });
    this.posts.add(done);
  }

  /** Takes the first n queued receipts off the queue as one batch. */
  private take(n: number): ReceiptBatch {
    const slots = new Uint32Array(n);
    const types = new Uint8Array(n);
    const receipts: VendorReceipt[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const { slot, type, dueAt } = this.queue.peek(i);
      slots[i] = slot;
      types[i] = type;
      const vendorMessageId = this.store.vendorMessageId(slot);
      const typeName = RECEIPT_TYPES[type];
      const receipt: VendorReceipt = {
        id: `${vendorMessageId}.${typeName}`,
        vendorMessageId,
        idempotencyKey: this.store.keyOf(slot),
        type: typeName,
        at: new Date(dueAt).toISOString(),
      };
      if (type === RECEIPT_FAILED) receipt.reason = this.store.reasonOf(slot) ?? 'undeliverable';
      receipts[i] = receipt;
    }
    this.queue.drop(n);
    return { order: this.taken++, slots, types, receipts };
  }

  /** Records an acknowledged (or kept) batch and schedules what follows each receipt. */
  private apply(batch: ReceiptBatch, now: number): void {
    const opts = this.options();
    for (let i = 0; i < batch.receipts.length; i++) {
      const slot = batch.slots[i];
      const type = batch.types[i];
      this.store.markDelivery(slot, TYPE_BITS[type]);
      this.remember(batch.receipts[i], opts.receiptLogLimit);
      if (type === RECEIPT_DELIVERED) this.onDelivered(slot, now);
    }
  }

  private remember(receipt: VendorReceipt, limit: number): void {
    if (limit === 0) return;
    if (this.log.length < limit) {
      this.log.push(receipt);
      return;
    }
    this.log[this.logNext] = receipt;
    this.logNext = (this.logNext + 1) % limit;
  }
}
