import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import {
  vendorSignatureHeaders,
  type VendorBatchResult,
  type VendorChannel,
  type VendorInboundMessage,
  type VendorMessageRequest,
  type VendorReceipt,
} from '@mini-crm/vendor-protocol';
import { postJson, sleep } from './http.util';
import { MessageStore, OUTCOME_ACCEPTED, OUTCOME_PENDING, OUTCOME_REJECTED } from './message-store.service';
import {
  RUNTIME_OPTIONS,
  resolveVendorStubOptions,
  type ResolvedVendorStubOptions,
  type RuntimeVendorStubOptions,
} from './options.util';
import { predictVendorFate, reasonCode, recipientProblem } from './outcome.util';
import { EngagementSimulator } from './engagement-simulator.service';
import { ReceiptDispatcher } from './receipt-dispatcher.service';
import { RECEIPT_DELIVERED, RECEIPT_FAILED } from './receipt-queue.service';
import type { VendorMessageRecord, VendorStubStats } from './stub-stats.types';

export type SendResult =
  | { accepted: true; vendorMessageId: string; replay: boolean }
  | { accepted: false; reason: string; replay: boolean };

export type InboundResult =
  | { forwarded: true; id: string; receiverStatus: number }
  | { forwarded: false; id?: string; error: string; receiverStatus?: number };

const INBOUND_ATTEMPTS = 3;
/** Signed inbound requests kept for `replayInbound` (a captured request, sent again byte for byte). */
const INBOUND_KEPT = 100;

/** The vendor's behaviour, independent of HTTP: idempotent sends, simulated fates, receipts, stats. */
export class VendorStubService {
  private opts: ResolvedVendorStubOptions;
  private readonly store: MessageStore;
  private readonly receipts: ReceiptDispatcher;
  private readonly engagement: EngagementSimulator;
  private readonly inboundSent = new Map<string, { url: string; rawBody: string; headers: Record<string, string> }>();
  private readonly inboundAgents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  private counters = emptyCounters();
  /** Send requests received and not answered yet (waiting out `latencyMs`). */
  private requestsInFlight = 0;

  constructor(options: ResolvedVendorStubOptions) {
    this.opts = options;
    this.store = new MessageStore(options.detailLimit);
    this.engagement = new EngagementSimulator(this.store, () => this.opts);
    this.receipts = new ReceiptDispatcher(
      this.store,
      () => this.opts,
      (slot, now) => this.engagement.delivered(slot, now),
    );
    this.receipts.start();
    this.engagement.start();
  }

  get options(): ResolvedVendorStubOptions {
    return this.opts;
  }

  /** Whether this request is answered 503 (drawn once per request). */
  drawRetryable(): boolean {
    return this.opts.retryableRate > 0 && Math.random() < this.opts.retryableRate;
  }

  /** Counts an attempt of each message; when `retryable`, that is all that happens. */
  attempt(message: VendorMessageRequest, retryable: boolean, now: number): SendResult | null {
    const idx = this.store.attempt(message.idempotencyKey, message.channel);
    this.counters.attempts++;
    this.counters.byChannel[message.channel].attempts++;
    if (retryable) {
      this.counters.retryableFailures++;
      return null;
    }
    return this.decide(idx, message, now);
  }

  sendBatch(messages: VendorMessageRequest[], retryable: boolean, now: number): VendorBatchResult[] | null {
    const results: VendorBatchResult[] = new Array(messages.length);
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      const r = this.attempt(m, retryable, now);
      if (r === null) continue;
      results[i] = r.accepted
        ? { idempotencyKey: m.idempotencyKey, status: 'accepted', vendorMessageId: r.vendorMessageId }
        : { idempotencyKey: m.idempotencyKey, status: 'rejected', reason: r.reason };
    }
    return retryable ? null : results;
  }

  record(idempotencyKey: string): VendorMessageRecord | null {
    const idx = this.store.find(idempotencyKey);
    return idx === undefined ? null : this.store.record(idx);
  }

  /** Runs a send request's decision, counted as in flight until it has one. */
  async whileInFlight<T>(decide: () => Promise<T>): Promise<T> {
    this.requestsInFlight++;
    try {
      return await decide();
    } finally {
      this.requestsInFlight--;
    }
  }

  stats(): VendorStubStats {
    const c = this.counters;
    return {
      requestsInFlight: this.requestsInFlight,
      attempts: c.attempts,
      sends: c.sends,
      rejected: c.rejected,
      accepted: c.accepted,
      duplicates: c.duplicates,
      replays: c.replays,
      retryableFailures: c.retryableFailures,
      receiptsSent: this.receipts.sent,
      receiptsPending: this.receipts.pending,
      receiptsKept: this.receipts.kept,
      receiptPostFailures: this.receipts.postFailures,
      inboundForwarded: c.inboundForwarded,
      engagement: { ...this.engagement.counters, pending: this.engagement.pending },
      byChannel: { sms: { ...c.byChannel.sms }, email: { ...c.byChannel.email } },
    };
  }

  recentReceipts(limit: number): VendorReceipt[] {
    return this.receipts.recent(limit);
  }

  reset(): void {
    this.store.clear();
    this.receipts.clear();
    this.engagement.clear();
    this.counters = emptyCounters();
  }

  /** Changes behaviour on the fly (e.g. point receipts at an API started after the stub). */
  configure(changes: RuntimeVendorStubOptions): ResolvedVendorStubOptions {
    const picked: Record<string, unknown> = {};
    for (const key of RUNTIME_OPTIONS) if (key in changes) picked[key] = changes[key] ?? null;
    this.opts = resolveVendorStubOptions(picked, this.opts);
    this.receipts.retryNow();
    return this.opts;
  }

  /** Simulates a customer's SMS reply: POSTs `{ id, from, text, at }` signed to inboundUrl. */
  async inbound(from: string, text: string): Promise<InboundResult> {
    const url = this.opts.inboundUrl;
    if (!url) return { forwarded: false, error: 'inbound_url_not_configured' };
    const message: VendorInboundMessage = { id: `in_${randomUUID()}`, from, text, at: new Date().toISOString() };
    const rawBody = JSON.stringify(message);
    let status = 0;
    for (let attempt = 1; attempt <= INBOUND_ATTEMPTS; attempt++) {
      const headers = vendorSignatureHeaders(this.opts.secret, rawBody, Date.now() + this.opts.clockSkewMs);
      this.keepInbound(message.id, { url, rawBody, headers });
      status = (await postJson(url, rawBody, headers, this.inboundAgents)).status;
      if (status >= 200 && status < 300) {
        this.counters.inboundForwarded++;
        return { forwarded: true, id: message.id, receiverStatus: status };
      }
      if (attempt < INBOUND_ATTEMPTS) await sleep(100 * attempt);
    }
    return { forwarded: false, id: message.id, error: 'inbound_forward_failed', receiverStatus: status };
  }

  /**
   * Sends the last signed request of an inbound message again, byte for byte (same body, timestamp
   * and signature), as an attacker who captured it would; answers the receiver's status.
   */
  async replayInbound(id: string): Promise<{ receiverStatus: number } | null> {
    const sent = this.inboundSent.get(id);
    if (!sent) return null;
    return { receiverStatus: (await postJson(sent.url, sent.rawBody, sent.headers, this.inboundAgents)).status };
  }

  private keepInbound(id: string, sent: { url: string; rawBody: string; headers: Record<string, string> }): void {
    this.inboundSent.delete(id);
    this.inboundSent.set(id, sent);
    if (this.inboundSent.size > INBOUND_KEPT) this.inboundSent.delete(this.inboundSent.keys().next().value as string);
  }

  async close(): Promise<void> {
    await this.receipts.stop();
    this.engagement.stop();
    this.inboundAgents.http.destroy();
    this.inboundAgents.https.destroy();
  }

  private decide(idx: number, message: VendorMessageRequest, now: number): SendResult {
    const known = this.store.outcomeOf(idx);
    if (known !== OUTCOME_PENDING) {
      // A repeat of a decided key is answered as before (idempotent) but counted: the sender sent it again.
      this.counters.replays++;
      if (this.store.countSend(idx) === 2) this.counters.duplicates++;
      return known === OUTCOME_ACCEPTED
        ? { accepted: true, vendorMessageId: this.store.vendorMessageId(idx), replay: true }
        : { accepted: false, reason: this.store.reasonOf(idx) ?? 'rejected', replay: true };
    }
    const channel = this.store.channelOf(idx);
    const problem = recipientProblem(channel, message.to);
    const fate = problem
      ? { fate: 'rejected' as const, reason: problem }
      : predictVendorFate(message.idempotencyKey, channel, this.opts);
    if (fate.fate !== 'delivered') this.store.setReason(idx, reasonCode(fate.reason));
    const outcome = fate.fate === 'rejected' ? OUTCOME_REJECTED : OUTCOME_ACCEPTED;
    this.store.recordSend(idx, outcome, message);
    this.counters.sends++;
    if (fate.fate === 'rejected') {
      this.counters.rejected++;
      this.counters.byChannel[channel].rejected++;
      return { accepted: false, reason: fate.reason, replay: false };
    }
    this.counters.accepted++;
    this.counters.byChannel[channel].accepted++;
    this.receipts.schedule(idx, fate.fate === 'failed' ? RECEIPT_FAILED : RECEIPT_DELIVERED, now);
    return { accepted: true, vendorMessageId: this.store.vendorMessageId(idx), replay: false };
  }
}

function emptyCounters() {
  const channel = (): { attempts: number; accepted: number; rejected: number } => ({
    attempts: 0,
    accepted: 0,
    rejected: 0,
  });
  return {
    attempts: 0,
    sends: 0,
    rejected: 0,
    accepted: 0,
    duplicates: 0,
    replays: 0,
    retryableFailures: 0,
    inboundForwarded: 0,
    byChannel: { sms: channel(), email: channel() } as Record<
      VendorChannel,
      { attempts: number; accepted: number; rejected: number }
    >,
  };
}
