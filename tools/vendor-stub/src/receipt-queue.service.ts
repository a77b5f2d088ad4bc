export const RECEIPT_DELIVERED = 0;
export const RECEIPT_FAILED = 1;
export const RECEIPT_OPENED = 2;
export const RECEIPT_CLICKED = 3;
export const RECEIPT_TYPES = ['delivered', 'failed', 'opened', 'clicked'] as const;

/**
 * FIFO of scheduled receipts as (message slot, type, due time) in growable typed-array rings:
 * 13 bytes a receipt, no objects until a batch is posted. Every receipt is scheduled at
 * "now + receiptDelayMs", so insertion order is due order and the head is always the next due.
 */
export class ReceiptQueue {
  private slots = new Uint32Array(1024);
  private types = new Uint8Array(1024);
  private due = new Float64Array(1024);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(slot: number, type: number, dueAt: number): void {
    if (this.count === this.slots.length) this.grow();
    const at = (this.head + this.count) % this.slots.length;
    this.slots[at] = slot;
    this.types[at] = type;
    // A later receiptDelayMs change must not put an earlier due time behind a later one.
    const prev = this.count > 0 ? this.due[(at - 1 + this.slots.length) % this.slots.length] : 0;
    this.due[at] = Math.max(dueAt, prev);
    this.count++;
  }

  /** How many receipts from the head are due at `now`, at most `max`. */
  dueCount(now: number, max: number): number {
    let n = 0;
    const cap = this.slots.length;
    while (n < this.count && n < max && this.due[(this.head + n) % cap] <= now) n++;
    return n;
  }

  /** The i-th receipt from the head. */
  peek(i: number): { slot: number; type: number; dueAt: number } {
    const at = (this.head + i) % this.slots.length;
    return { slot: this.slots[at], type: this.types[at], dueAt: this.due[at] };
  }

  drop(n: number): void {
    const k = Math.min(n, this.count);
    this.head = (this.head + k) % this.slots.length;
    this.count -= k;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const cap = this.slots.length;
    const slots = new Uint32Array(cap * 2);
    const types = new Uint8Array(cap * 2);
    const due = new Float64Array(cap * 2);
    for (let i = 0; i < this.count; i++) {
      const at = (this.head + i) % cap;
      slots[i] = this.slots[at];
      types[i] = this.types[at];
      due[i] = this.due[at];
    }
    this.slots = slots;
    this.types = types;
    this.due = due;
    this.head = 0;
  }
}
