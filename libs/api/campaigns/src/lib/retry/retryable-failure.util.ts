/**
 * Failure reasons worth sending again: transient ones. Delivery (libs/api/delivery) gives up with
 * `vendor_unavailable` after its retries on VendorRetryableError (vendor unreachable, 5xx, timeouts);
 * the vendor itself reports transient failures as `carrier_timeout`, `unreachable_handset` (phone off)
 * and `mailbox_full`. Everything else is permanent and never retried: consent (`unsubscribed`, `suppressed`,
 * `blocklisted`), `no_recipient`, the vendor's rejections (`invalid_recipient`, `carrier_blocked`,
 * `spam_filtered`, `hard_bounce`, `rejected`) and 4xx answers (`vendor_error_4xx`, which delivery never
 * retries either), except 429 (too many requests).
 */
export const RETRYABLE_FAILURE_REASONS: readonly string[] = [
  'vendor_unavailable',
  'vendor_error_429',
  'carrier_timeout',
  'unreachable_handset',
  'mailbox_full',
];

export function isRetryableFailure(reason: string | null | undefined): boolean {
  return !!reason && RETRYABLE_FAILURE_REASONS.includes(reason);
}
