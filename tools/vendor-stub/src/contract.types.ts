/** Wire types of the vendor API. Our API is written against exactly these shapes. */

export type VendorChannel = 'sms' | 'email';

export interface VendorMessageRequest {
  idempotencyKey: string;
  channel: VendorChannel;
  to: string;
  subject?: string;
  body: string;
  listUnsubscribe?: string;
}

export interface VendorBatchRequest {
  messages: VendorMessageRequest[];
}

/** `202` answer of `POST /v1/messages`. */
export interface VendorAcceptedResponse {
  vendorMessageId: string;
  status: 'accepted';
}

/** `422` answer of `POST /v1/messages`: permanent, do not retry. */
export interface VendorRejectedResponse {
  error: 'rejected';
  reason: string;
}

/** `503` answer (retryable) and `400` answer (malformed request). */
export interface VendorErrorResponse {
  error: string;
  message?: string;
}

export type VendorBatchResult =
  | { idempotencyKey: string; status: 'accepted'; vendorMessageId: string }
  | { idempotencyKey: string; status: 'rejected'; reason: string };

export interface VendorBatchResponse {
  results: VendorBatchResult[];
}

export type VendorReceiptType = 'delivered' | 'failed' | 'opened' | 'clicked';

export interface VendorReceipt {
  /** Unique per receipt and stable across redeliveries: receivers deduplicate on it. */
  id: string;
  vendorMessageId: string;
  idempotencyKey: string;
  type: VendorReceiptType;
  reason?: string;
  /** ISO timestamp of the event. */
  at: string;
}

export interface VendorReceiptBatch {
  receipts: VendorReceipt[];
}

export interface VendorInboundMessage {
  id: string;
  from: string;
  text: string;
  at: string;
}

export interface VendorChannelStats {
  attempts: number;
  accepted: number;
  rejected: number;
}

export interface VendorStubStats {
  /** Message-level attempts, including 503-answered ones and idempotent replays. */
  attempts: number;
  /** Distinct sends: the first non-503 attempt of each key (accepted + rejected). */
  sends: number;
  rejected: number;
  accepted: number;
  /** Keys whose send happened more than once. Must stay 0. */
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
  byChannel: Record<VendorChannel, VendorChannelStats>;
}

/** Answer of `GET /v1/messages/:idempotencyKey`. */
export interface VendorMessageRecord {
  idempotencyKey: string;
  channel: VendorChannel;
  attempts: number;
  sends: number;
  /** `pending` = only 503-answered attempts so far. */
  outcome: 'pending' | 'accepted' | 'rejected';
  vendorMessageId: string | null;
  reason: string | null;
  delivery: 'pending' | 'delivered' | 'failed' | null;
  opened: boolean;
  clicked: boolean;
  /** Message details are kept for the most recent messages only (bounded memory). */
  to: string | null;
  subject: string | null;
  body: string | null;
}
