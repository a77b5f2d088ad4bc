import type { VendorChannel } from '@mini-crm/vendor-protocol';

// What the stub answers about itself (`GET /v1/stats`, `GET /v1/messages/:idempotencyKey`): not part of the vendor API.

export interface VendorChannelStats {
  attempts: number;
  accepted: number;
  rejected: number;
}

export interface VendorStubStats {
  /** Send requests (single or batch) received and not answered yet: a sender's batch in the vendor's hands. */
  requestsInFlight: number;
  /** Message-level attempts, including 503-answered ones and idempotent replays. */
  attempts: number;
  /** Distinct sends: the first non-503 attempt of each key (accepted + rejected). */
  sends: number;
  rejected: number;
  accepted: number;
  /** Keys sent more than once (repeats of a decided key, answered idempotently). 0 when the sender never resends. */
  duplicates: number;
  /** Attempts answered from the idempotency record (not new sends). */
  replays: number;
  /** Attempts answered 503 (message level). */
  retryableFailures: number;
  /** Receipts acknowledged (2xx) by receiptUrl. */
  receiptsSent: number;
  /** Receipts scheduled or waiting for the receiver. */
  receiptsPending: number;
  /** Receipts kept in memory only because no receiptUrl was configured. */
  receiptsKept: number;
  /** Receipt POSTs that failed (connection error, timeout or non-2xx); they are retried. */
  receiptPostFailures: number;
  inboundForwarded: number;
  /** Simulated recipients (option `engage`): pixel fetches, link follows, scanned messages, failed requests, still to play. */
  engagement: { opens: number; clicks: number; scans: number; failures: number; pending: number };
  byChannel: Record<VendorChannel, VendorChannelStats>;
}

/** Answer of `GET /v1/messages/:idempotencyKey`. */
export interface VendorMessageRecord {
  idempotencyKey: string;
  channel: VendorChannel;
  attempts: number;
  /** Non-503 attempts: the one that decided the outcome plus idempotent repeats. */
  sends: number;
  /** `pending` = only 503-answered attempts so far. */
  outcome: 'pending' | 'accepted' | 'rejected';
  vendorMessageId: string | null;
  reason: string | null;
  delivery: 'pending' | 'delivered' | 'failed' | null;
  /** The simulated recipient fetched the open pixel (option `engage`). */
  opened: boolean;
  /** The simulated recipient followed a tracked link (option `engage`). */
  clicked: boolean;
  /** Message details are kept for the most recent messages only (bounded memory). */
  to: string | null;
  subject: string | null;
  body: string | null;
}
