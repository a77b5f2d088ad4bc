/** Wire types of the vendor API. Our API is written against exactly these shapes; the vendor stub serves them. */

/** Most messages one `POST /v1/messages/batch` may carry. */
export const VENDOR_MAX_BATCH_SIZE = 1000;

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
