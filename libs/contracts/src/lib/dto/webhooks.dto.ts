import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';

/** Every event an endpoint can subscribe to (`webhook.test` is sent on demand only). */
export const WEBHOOK_EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.unsubscribed',
  'import.completed',
  'import.failed',
  'campaign.launched',
  'campaign.completed',
  'campaign.paused',
  'message.delivered',
  'message.failed',
  'message.opened',
  'message.clicked',
  'order.attributed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | 'webhook.test';

/** Longest endpoint URL accepted. */
export const WEBHOOK_URL_MAX = 2000;

/** Body of `POST /api/webhooks`. */
export class CreateWebhookDto {
  /** http(s) URL without credentials; must not resolve to a private, loopback or link-local address. */
  @IsString({ message: 'url must be text' })
  @MaxLength(WEBHOOK_URL_MAX, { message: `url is too long (${WEBHOOK_URL_MAX} characters at most)` })
  url!: string;

  /** Events to receive (at least one). */
  @IsArray({ message: 'events must be a list of event types' })
  @ArrayMinSize(1, { message: 'events must name at least one event type' })
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length, { message: 'events has too many entries' })
  @ArrayUnique({ message: 'events must not repeat an event type' })
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `events must be among: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events!: string[];

  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(500, { message: 'description is too long (500 characters at most)' })
  description?: string;
}

/** Body of `PATCH /api/webhooks/:id`; `enabled: true` re-enables an endpoint disabled after failures. */
export class UpdateWebhookDto {
  @IsOptional()
  @IsString({ message: 'url must be text' })
  @MaxLength(WEBHOOK_URL_MAX, { message: `url is too long (${WEBHOOK_URL_MAX} characters at most)` })
  url?: string;

  @IsOptional()
  @IsArray({ message: 'events must be a list of event types' })
  @ArrayMinSize(1, { message: 'events must name at least one event type' })
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length, { message: 'events has too many entries' })
  @ArrayUnique({ message: 'events must not repeat an event type' })
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `events must be among: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events?: string[];

  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(500, { message: 'description is too long (500 characters at most)' })
  description?: string;

  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

/** An endpoint as listed; never carries its secret. */
export class WebhookDto {
  id!: string;
  url!: string;
  description!: string | null;
  events!: string[];
  enabled!: boolean;
  /** Why it was disabled (automatically after consecutive failures, or by an admin). */
  disabledReason!: string | null;
  consecutiveFailures!: number;
  /** While a rotated-out secret still signs alongside the new one. */
  previousSecretExpiresAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}

/** Answer of create and rotate: the signing secret (`whsec_…`), shown this once. */
export class WebhookWithSecretDto extends WebhookDto {
  secret!: string;
}

export class WebhookListDto {
  items!: WebhookDto[];
}

/** One delivery attempt of one event to one endpoint. */
export class WebhookDeliveryDto {
  id!: string;
  /** The event's id (the `webhook-id` header, the same on every attempt). */
  eventId!: string;
  eventType!: string;
  attempt!: number;
  ok!: boolean;
  statusCode!: number | null;
  durationMs!: number;
  /** The first 1 KB of the answer's body. */
  responseExcerpt!: string | null;
  error!: string | null;
  at!: string;
}

export class WebhookDeliveryPageDto {
  items!: WebhookDeliveryDto[];
  nextCursor!: string | null;
}

/** Answer of test and redeliver: the event queued for delivery. */
export class WebhookQueuedDto {
  eventId!: string;
}
