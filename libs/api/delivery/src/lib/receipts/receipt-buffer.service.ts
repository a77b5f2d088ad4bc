import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { DeliveryReceiptDto, DeliveryReceiptResultDto } from '@mini-crm/contracts';
import { UUID_PATTERN } from '@mini-crm/db';
import { observeReceiptLag, WebhookEvents } from '@mini-crm/api/core';
import { ReceiptOutcome, ReceiptRow, ReceiptsRepository } from '@mini-crm/api/campaigns';
import { DeliveryCountersService } from './delivery-counters.service';

/** Receipts applied per statement at most; concurrent webhook calls are merged up to this. */
const MAX_FLUSH = 5000;

interface Pending {
  rows: ReceiptRow[];
  unknown: number;
  resolve(r: DeliveryReceiptResultDto): void;
  reject(e: unknown): void;
}

/**
 * Buffers receipts from concurrent webhook calls and applies them together in one statement
 * (events + message updates). Each call is answered only after its receipts are committed, so the
 * vendor retries anything not applied. Replays and repeats are no-ops (unique receipt id, one event
 * per kind per message); a receipt under another vendor message id than the message's is ignored and
 * counted as mismatched — still a 200, so the vendor does not retry the rest of its batch.
 */
@Injectable()
export class ReceiptBufferService implements BeforeApplicationShutdown {
  private readonly log = new Logger('Receipts');
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly receipts: ReceiptsRepository,
    private readonly counters: DeliveryCountersService,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** Shutdown: every receipt already submitted is applied before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  submit(receipts: DeliveryReceiptDto[]): Promise<DeliveryReceiptResultDto> {
    const rows: ReceiptRow[] = [];
    let unknown = 0;
    for (const r of receipts) {
      if (!UUID_PATTERN.test(r.idempotencyKey)) {
        unknown++;
        continue;
      }
      rows.push({
        receiptId: r.id,
        messageId: r.idempotencyKey.toLowerCase(),
        vendorMessageId: r.vendorMessageId,
        type: r.type,
        reason: r.reason ?? null,
        at: r.at,
      });
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, unknown, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
      if (this.queue.length) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch: Pending[] = [];
      let size = 0;
      while (this.queue.length && (batch.length === 0 || size + this.queue[0].rows.length <= MAX_FLUSH)) {
        const p = this.queue.shift() as Pending;
        batch.push(p);
        size += p.rows.length;
      }
      const all = batch.flatMap((p) => p.rows);
      try {
        const result = await this.receipts.applyReceipts(all);
        const applied = new Set(result.appliedIds);
        observeReceiptLag(all.filter((r) => applied.has(r.receiptId)).map((r) => r.at));
        const matched = new Set(result.matchedIds);
        const mismatched = new Set(result.mismatchedIds);
        for (const p of batch) {
          const out = {
            received: p.rows.length + p.unknown,
            applied: 0,
            duplicates: 0,
            unknown: p.unknown,
            mismatched: 0,
          };
          for (const r of p.rows) {
            if (applied.has(r.receiptId)) {
              out.applied++;
              applied.delete(r.receiptId); // a receipt repeated within one batch counts once
            } else if (matched.has(r.receiptId)) out.duplicates++;
            else if (mismatched.has(r.receiptId)) out.mismatched++;
            else out.unknown++;
          }
          if (out.mismatched)
            this.log.warn(`${out.mismatched} receipt(s) named a message under another vendor message id; ignored`);
          this.count(out);
          p.resolve(out);
        }
        // After the vendor has its answers, and not awaited: with Redis down ioredis holds the XADDs
        // until it is back, and awaiting them here would stall every later receipt (the vendor then
        // times out and, after its last retry, drops them).
        void this.publish(result.outcomes).catch((e: Error) =>
          this.log.warn(`publishing message webhooks failed: ${e.message}`),
        );
      } catch (e) {
        this.log.warn(`applying ${all.length} receipts failed: ${(e as Error).message}`);
        for (const p of batch) p.reject(e);
      }
    }
  }

  private async publish(outcomes: ReceiptOutcome[]): Promise<void> {
    for (const type of ['delivered', 'failed'] as const) {
      const items = outcomes
        .filter((o) => o.type === type)
        .map((o) => ({
          messageId: o.messageId,
          campaignId: o.campaignId,
          customerId: o.customerId,
          at: o.at,
          ...(type === 'failed' ? { reason: o.reason } : {}),
        }));
      await this.webhooks.publishItems(`message.${type}`, items);
    }
  }

  private count(r: DeliveryReceiptResultDto): void {
    const c = this.counters.counters;
    c.receiptsReceived += r.received;
    c.receiptsApplied += r.applied;
    c.receiptsDuplicate += r.duplicates;
    c.receiptsUnknown += r.unknown;
    c.receiptsMismatched += r.mismatched;
  }
}
