import { randomBytes } from 'node:crypto';
import type { VendorChannel, VendorMessageRequest } from '@mini-crm/vendor-protocol';
import type { VendorMessageRecord } from './stub-stats.types';
import { VENDOR_REASONS } from './outcome.util';

export const OUTCOME_PENDING = 0;
export const OUTCOME_ACCEPTED = 1;
export const OUTCOME_REJECTED = 2;

export const DELIVERED_BIT = 1;
export const FAILED_BIT = 2;
export const OPENED_BIT = 4;
export const CLICKED_BIT = 8;

const NO_REASON = 255;
const CHANNELS: VendorChannel[] = ['sms', 'email'];

/**
 * Per-idempotency-key state, column-wise in typed arrays (about 13 bytes a key plus the key
 * string and its Map entry), so a million messages fit easily. Message details (`to`, `body`)
 * are kept in a ring for the most recent `detailLimit` sends only.
 */
export class MessageStore {
  private readonly index = new Map<string, number>();
  private keys: string[] = [];
  private capacity = 0;
  private attempts = new Uint32Array(0);
  private sends = new Uint8Array(0);
  private outcome = new Uint8Array(0);
  private reason = new Uint8Array(0);
  private channel = new Uint8Array(0);
  private delivery = new Uint8Array(0);
  private detailSlot = new Int32Array(0);

  private readonly detailOwner: Int32Array;
  private readonly detailTo: (string | undefined)[];
  private readonly detailSubject: (string | undefined)[];
  private readonly detailBody: (string | undefined)[];
  private detailNext = 0;
  /** New on every reset so vendor message ids never repeat within a process. */
  private idPrefix = newIdPrefix();

  constructor(private readonly detailLimit: number) {
    this.detailOwner = new Int32Array(detailLimit).fill(-1);
    this.detailTo = new Array(detailLimit);
    this.detailSubject = new Array(detailLimit);
    this.detailBody = new Array(detailLimit);
    this.grow(1024);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Finds or creates the key's slot and counts one attempt on it. */
  attempt(key: string, channel: VendorChannel): number {
    let idx = this.index.get(key);
    if (idx === undefined) {
      idx = this.keys.length;
      if (idx === this.capacity) this.grow(this.capacity * 2);
      this.keys.push(key);
      this.index.set(key, idx);
      this.channel[idx] = channel === 'email' ? 1 : 0;
      this.reason[idx] = NO_REASON;
      this.detailSlot[idx] = -1;
    }
    if (this.attempts[idx] < 0xffffffff) this.attempts[idx]++;
    return idx;
  }

  find(key: string): number | undefined {
    return this.index.get(key);
  }

  keyOf(idx: number): string {
    return this.keys[idx];
  }

  channelOf(idx: number): VendorChannel {
    return CHANNELS[this.channel[idx]];
  }

  outcomeOf(idx: number): number {
    return this.outcome[idx];
  }

  reasonOf(idx: number): string | null {
    const code = this.reason[idx];
    return code === NO_REASON ? null : VENDOR_REASONS[code];
  }

  setReason(idx: number, code: number): void {
    this.reason[idx] = code;
  }

  /** Records the send that decides a key's outcome. */
  recordSend(idx: number, outcome: number, message: VendorMessageRequest): void {
    this.outcome[idx] = outcome;
    this.countSend(idx);
    this.keepDetails(idx, message);
  }

  /** Counts one more send of a key (the deciding one or a repeat). Returns the key's send count afterwards. */
  countSend(idx: number): number {
    if (this.sends[idx] < 255) this.sends[idx]++;
    return this.sends[idx];
  }

  markDelivery(idx: number, bit: number): void {
    this.delivery[idx] |= bit;
  }

  vendorMessageId(idx: number): string {
    return `${this.idPrefix}${idx.toString(36)}`;
  }

  record(idx: number): VendorMessageRecord {
    const outcome = this.outcome[idx];
    const bits = this.delivery[idx];
    const slot = this.detailSlot[idx];
    const hasDetails = slot >= 0 && this.detailOwner[slot] === idx;
    return {
      idempotencyKey: this.keys[idx],
      channel: this.channelOf(idx),
      attempts: this.attempts[idx],
      sends: this.sends[idx],
      outcome: outcome === OUTCOME_ACCEPTED ? 'accepted' : outcome === OUTCOME_REJECTED ? 'rejected' : 'pending',
      vendorMessageId: outcome === OUTCOME_ACCEPTED ? this.vendorMessageId(idx) : null,
      reason: this.reasonOf(idx),
      delivery:
        outcome !== OUTCOME_ACCEPTED
          ? null
          : bits & FAILED_BIT
            ? 'failed'
            : bits & DELIVERED_BIT
              ? 'delivered'
              : 'pending',
      opened: (bits & OPENED_BIT) !== 0,
      clicked: (bits & CLICKED_BIT) !== 0,
      to: hasDetails ? (this.detailTo[slot] ?? null) : null,
      subject: hasDetails ? (this.detailSubject[slot] ?? null) : null,
      body: hasDetails ? (this.detailBody[slot] ?? null) : null,
    };
  }

  clear(): void {
    this.index.clear();
    this.keys = [];
    this.attempts = new Uint32Array(0);
    this.sends = new Uint8Array(0);
    this.outcome = new Uint8Array(0);
    this.reason = new Uint8Array(0);
    this.channel = new Uint8Array(0);
    this.delivery = new Uint8Array(0);
    this.detailSlot = new Int32Array(0);
    this.grow(1024);
    this.detailOwner.fill(-1);
    this.detailTo.fill(undefined);
    this.detailSubject.fill(undefined);
    this.detailBody.fill(undefined);
    this.detailNext = 0;
    this.idPrefix = newIdPrefix();
  }

  private keepDetails(idx: number, message: VendorMessageRequest): void {
    if (this.detailLimit === 0) return;
    const slot = this.detailNext;
    this.detailNext = (slot + 1) % this.detailLimit;
    this.detailOwner[slot] = idx;
    this.detailTo[slot] = message.to;
    this.detailSubject[slot] = message.subject;
    this.detailBody[slot] = message.body;
    this.detailSlot[idx] = slot;
  }

  private grow(capacity: number): void {
    this.attempts = resize(this.attempts, new Uint32Array(capacity));
    this.sends = resize(this.sends, new Uint8Array(capacity));
    this.outcome = resize(this.outcome, new Uint8Array(capacity));
    this.reason = resize(this.reason, new Uint8Array(capacity));
    this.channel = resize(this.channel, new Uint8Array(capacity));
    this.delivery = resize(this.delivery, new Uint8Array(capacity));
    this.detailSlot = resize(this.detailSlot, new Int32Array(capacity));
    this.capacity = capacity;
  }
}

function resize<T extends Uint8Array | Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from.subarray(0, Math.min(from.length, to.length)) as never);
  return to;
}

function newIdPrefix(): string {
  return `vm_${randomBytes(5).toString('hex')}_`;
}
