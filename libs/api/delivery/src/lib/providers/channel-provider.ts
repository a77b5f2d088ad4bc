import type { CampaignChannel } from '@mini-crm/contracts';

/** One rendered message as every provider receives it. */
export interface OutboundMessage {
  /** Our message id: idempotency key with the vendor, correlation header by SMTP, status callback key by Twilio. */
  id: string;
  channel: CampaignChannel;
  to: string;
  /** SMS text, or the email's HTML body. */
  body: string;
  subject?: string;
  /** Email: preview text, plain; the SMTP provider hides it before the body (emailDocument). */
  preheader?: string;
  /** Email: `List-Unsubscribe` value, `<https://…>` (one-click, RFC 8058). */
  listUnsubscribe?: string;
}

/**
 * What became of one message. `retry`: nothing was accepted and a later attempt may succeed (SMTP 4xx,
 * connection lost); `permanent`: never retry (SMTP 5xx, invalid number); `consent`: the recipient
 * refused the channel at the provider (Twilio 21610), so their status changes too.
 */
export type SendOutcome =
  | { status: 'accepted'; providerMessageId: string }
  | { status: 'rejected'; kind: 'permanent' | 'consent'; reason: string }
  | { status: 'retry'; reason: string }
  /** Another job holds this message right now (OnceOnlyProvider): leave it to that job. */
  | { status: 'in_flight' };

export interface ConnectionCheck {
  ok: boolean;
  /** What was checked and what came back, never a secret. */
  detail: string;
}

/** A channel's way out: the vendor stub, SMTP or Twilio (EMAIL_PROVIDER / SMS_PROVIDER). */
export interface ChannelProvider {
  readonly name: string;
  readonly channel: CampaignChannel;
  /** False when a setting it needs is missing: launching answers 503. */
  readonly ready: boolean;
  /** Messages per second this provider allows, when it imposes one below DELIVERY_RATE_LIMIT_*. */
  readonly rateLimit?: number;
  send(message: OutboundMessage): Promise<SendOutcome>;
  /** One outcome per message, in order. Throws ProviderRetryableError / ProviderRequestError when the whole batch failed. */
  sendBatch(messages: OutboundMessage[]): Promise<SendOutcome[]>;
  check(): Promise<ConnectionCheck>;
  close?(): Promise<void>;
}

export const EMAIL_PROVIDER = Symbol('EMAIL_PROVIDER');
export const SMS_PROVIDER = Symbol('SMS_PROVIDER');
