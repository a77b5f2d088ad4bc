/** Result of a normalizer: the value, or why the input was rejected. */
export type Normalized<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Consent state of a channel, as stored in `customers.email_status` / `sms_status`. */
export type SubscriptionStatus = 'subscribed' | 'unsubscribed' | 'blocklisted';

/** Day/month order used when a date like 03/04/2024 is ambiguous. */
export type DateOrder = 'dmy' | 'mdy';
