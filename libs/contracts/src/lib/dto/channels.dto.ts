/** Twilio's status callback form (only the fields we read; Twilio sends more). */
export class TwilioStatusCallbackDto {
  /** Twilio's message SID, e.g. `SM0123456789abcdef0123456789abcdef`. */
  MessageSid!: string;

  /** `queued`, `sending`, `sent`, `delivered`, `undelivered` or `failed`. */
  MessageStatus!: string;

  /** Twilio error code on undelivered/failed, e.g. `30003`. */
  ErrorCode?: string;
}

/** Twilio's inbound message form (only the fields we read). */
export class TwilioInboundDto {
  MessageSid!: string;

  /** The sender, e.g. `+919812345678`. */
  From!: string;

  /** The text, e.g. `STOP`. */
  Body!: string;
}

export class TwilioWebhookResultDto {
  /** What the callback changed, e.g. `applied`. */
  result!: string;
}

/** One SendGrid Event Webhook event (the fields we read). */
export class SendgridEventDto {
  email!: string;

  /** `bounce`, `spamreport`, `delivered`, `deferred`, `dropped`, `open` or `click`. */
  event!: string;

  /** For a bounce: `bounce` (hard) or `blocked` (soft). */
  type?: string;

  sg_event_id!: string;

  /** The Message-ID we set, `<message id@domain>`. */
  'smtp-id'?: string;

  reason?: string;

  /** Unix seconds. */
  timestamp?: number;
}

export class EmailEventsResultDto {
  received!: number;
  hardBounces!: number;
  softBounces!: number;
  complaints!: number;
  /** Addresses added to the suppression list. */
  suppressed!: number;
  /** Events of other kinds, or without an address or event id. */
  ignored!: number;
}

export class ChannelSettingDto {
  channel!: 'email' | 'sms';

  /** `vendor`, `smtp` or `twilio`. */
  provider!: string;

  /** The provider has the settings it needs. */
  ready!: boolean;

  /** Sender identity: From address, sender number or messaging service. */
  sender!: string | null;

  replyTo!: string | null;

  /** Environment variables this provider reads (values never shown). */
  variables!: string[];
}

export class ChannelSettingsDto {
  items!: ChannelSettingDto[];
}

export class ChannelCheckDto {
  ok!: boolean;

  /** What was checked and what came back; never a secret. */
  detail!: string;
}
