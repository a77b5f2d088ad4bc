import http from 'node:http';
import https from 'node:https';
import type { VendorReceipt } from './contract.types';
import { postJson } from './http.util';
import { CLICKED_BIT, DELIVERED_BIT, FAILED_BIT, MessageStore, OPENED_BIT } from './message-store.service';
import type { ResolvedVendorStubOptions } from './options.util';
import { predictEngagement } from './outcome.util';
import { RECEIPT_CLICKED, RECEIPT_DELIVERED, RECEIPT_FAILED, RECEIPT_OPENED, RECEIPT_TYPES, ReceiptQueue } from './receipt-queue.service';
import { vendorSignatureHeaders } from './signature.util';

const TICK_MS = 20;
/** Receipts applied per turn of the event loop when no receiver is configured. */
const MEMORY_CHUNK = 20_000;
const TYPE_BITS = [DELIVERED_BIT, FAILED_BIT, OPENED_BIT, CLICKED_BIT];

/**
 * Sends due receipts to `receiptUrl` in signed batches from one periodic timer, one POST in
 * flight at a time. A failed POST leaves its receipts at the head of the queue and backs off
 * (doubling up to receiptRetryMaxMs, retrying forever): receipts are never dropped.
 * Without a receiptUrl, due receipts are applied in memory only.
 */
export class ReceiptDispatcher {
  sent = 0;
  kept = 0;
  postFailures = 0;
  private readonly queue = new ReceiptQueue();
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 4 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 4 }),
  };
  private readonly log: VendorReceipt[] = [];
  private logNext = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private retryAt = 0;
  private consecutiveFailures = 0;
  private generation = 0;

  constructor(
    private readonly store: MessageStore,
    private readonly options: () => ResolvedVendorStubOptions,
  ) {}

  get pending(): number {
    return this.queue.length;
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
    await this.inFlight;
  }

  schedule(slot: number, type: number, now: number): void {
    this.queue.push(slot, type, now + this.options().receiptDelayMs);
  }

  /** Latest receipts (sent or kept), oldest first. */
  recent(limit: number): VendorReceipt[] {
    const ordered = this.log.length < this.options().receiptLogLimit ? this.log : [...this.log.slice(this.logNext), ...this.log.slice(0, this.logNext)];
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
    this.sent = 0;
    this.kept = 0;
    this.postFailures = 0;
    this.retryAt = 0;
    this.consecutiveFailures = 0;
    this.log.length = 0;
    this.logNext = 0;
  }

  private pump(): void {
    if (this.inFlight) return;
    const now = Date.now();
    if (now < this.retryAt) return;
    const opts = this.options();
    if (!opts.receiptUrl) {
      let done = 0;
      for (let n = this.queue.dueCount(now, opts.receiptBatchSize); n > 0; n = this.queue.dueCount(now, opts.receiptBatchSize)) {
        this.applyHead(this.buildHead(n), now);
        this.kept += n;
        done += n;
        if (done >= MEMORY_CHUNK) {
          setImmediate(() => this.pump());
          break;
        }
      }
      return;
    }
    const n = this.queue.dueCount(now, opts.receiptBatchSize);
    if (n === 0) return;
    const receipts = this.buildHead(n);
    const rawBody = JSON.stringify({ receipts });
    const generation = this.generation;
    this.inFlight = postJson(opts.receiptUrl, rawBody, vendorSignatureHeaders(opts.secret, rawBody), this.agents).then((res) => {
      this.inFlight = null;
      if (generation !== this.generation) return;
      if (res.status >= 200 && res.status < 300) {
        this.applyHead(receipts, Date.now());
        this.sent += receipts.length;
        this.consecutiveFailures = 0;
        setImmediate(() => this.pump());
      } else {
        this.postFailures++;
        this.consecutiveFailures++;
        const o = this.options();
        this.retryAt = Date.now() + Math.min(o.receiptRetryBaseMs * 2 ** (this.consecutiveFailures - 1), o.receiptRetryMaxMs);
      }
    });
  }

  private buildHead(n: number): VendorReceipt[] {
    const receipts: VendorReceipt[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const { slot, type, dueAt } = this.queue.peek(i);
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
    return receipts;
  }

  /** Drops the first receipts.length queued receipts, records them and schedules what follows. */
  private applyHead(receipts: VendorReceipt[], now: number): void {
    const n = receipts.length;
    const slots = new Uint32Array(n);
    const types = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const { slot, type } = this.queue.peek(i);
      slots[i] = slot;
      types[i] = type;
    }
    this.queue.drop(n);
    const opts = this.options();
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      const type = types[i];
      this.store.markDelivery(slot, TYPE_BITS[type]);
      this.remember(receipts[i], opts.receiptLogLimit);
      if (type === RECEIPT_DELIVERED || type === RECEIPT_OPENED) {
        const channel = this.store.channelOf(slot);
        const { opened, clicked } = predictEngagement(this.store.keyOf(slot), channel, opts);
        if (type === RECEIPT_DELIVERED && opened) this.schedule(slot, RECEIPT_OPENED, now);
        else if (clicked && (type === RECEIPT_OPENED || channel === 'sms')) this.schedule(slot, RECEIPT_CLICKED, now);
      }
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
