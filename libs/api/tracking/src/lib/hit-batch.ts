import type { TrackingLimits } from './hit-limits';

/** What a batched hit gets back: 0 and the stream entry id (or '' for a count alone), else 1 or 2 and ms left. */
export type HitReply = [number, number | string];

interface Waiter {
  resolve(reply: HitReply): void;
  reject(e: Error): void;
}

/**
 * The requests of one event-loop turn, as the arguments of one COUNT_AND_APPEND call (see hit-limits.ts):
 * each counter key once with how many of the batch's requests it counts, then per request the
 * index of its counters and its place among their requests, and its hit's fields.
 */
export class HitBatch {
  /** KEYS: the hit stream, then each counter once. */
  readonly keys: string[];
  private readonly slot = new Map<string, number>();
  private readonly amounts: number[] = [];
  private readonly requests: (string | number)[] = [];
  private readonly waiters: Waiter[] = [];

  constructor(
    readonly limits: TrackingLimits,
    stream: string,
  ) {
    this.keys = [stream];
  }

  get size(): number {
    return this.waiters.length;
  }

  /** Adds a request (its counters and, unless it is a count alone, its hit's field list). */
  add(ipKey: string, codeKey: string | null, fields: string[] | null, waiter: Waiter): void {
    const ip = this.use(ipKey);
    this.requests.push(ip, this.amounts[ip - 2]);
    if (codeKey === null) this.requests.push(0, 0);
    else {
      const code = this.use(codeKey);
      this.requests.push(code, this.amounts[code - 2]);
    }
    this.requests.push(fields ? fields.length : 0);
    if (fields) for (const f of fields) this.requests.push(f);
    this.waiters.push(waiter);
  }

  /** ARGV: window, address max, code max, each counter's increment, then the requests. */
  args(): (string | number)[] {
    const l = this.limits;
    return [l.windowMs, l.perIp, l.perCode, ...this.amounts, ...this.requests];
  }

  /** Hands each request its part of the script's flat reply. */
  settle(reply: (number | string)[]): void {
    for (let i = 0; i < this.waiters.length; i++) this.waiters[i].resolve([reply[2 * i] as number, reply[2 * i + 1]]);
  }

  fail(e: Error): void {
    for (const w of this.waiters) w.reject(e);
  }

  /** The counter's index in KEYS (1-based, as in Lua), counting one more request on it. */
  private use(key: string): number {
    let i = this.slot.get(key);
    if (i === undefined) {
      i = this.keys.push(key);
      this.slot.set(key, i);
      this.amounts.push(0);
    }
    this.amounts[i - 2]++;
    return i;
  }
}
