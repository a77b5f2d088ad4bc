import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from './page-query.dto';
import { SendingWindowDto } from './sending-window.dto';
import { CAMPAIGN_MESSAGE_MAX, PREHEADER_MAX } from './message-limits';
import {
  CampaignExperimentFieldsDto,
  CampaignVariantDto,
  ExperimentSettingsDto,
  ExperimentStatsDto,
  HoldoutStatsDto,
  VariantStatsDto,
} from './experiments.dto';

export const CAMPAIGN_CHANNELS = ['sms', 'email'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Funnel position of one message; `sent` and beyond count as sent in stats. */
export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'opened', 'clicked', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** AI providers (the AI DTOs re-export this list as AI_PROVIDERS). */
export const AI_SUGGESTION_PROVIDERS = ['gemini', 'offline'] as const;

/** `ai`: the message came from an AI suggestion; `manual`: written by hand. */
export const MESSAGE_SOURCES = ['ai', 'manual'] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

/** Which AI option the message came from (kept to compare AI-suggested with hand-written messages). */
export class AiSuggestionRefDto {
  /** Provider that answered the suggestion. */
  @IsIn(AI_SUGGESTION_PROVIDERS, { message: `provider must be one of ${AI_SUGGESTION_PROVIDERS.join(', ')}` })
  provider!: (typeof AI_SUGGESTION_PROVIDERS)[number];

  /** 0-based index of the chosen option among the suggestions. */
  @IsInt({ message: 'index must be an integer' })
  @Min(0)
  @Max(20)
  index!: number;
}

export { CAMPAIGN_MESSAGE_MAX, PREHEADER_MAX, SMS_MESSAGE_MAX } from './message-limits';

/** Variants, holdout and test phase: `CampaignExperimentFieldsDto` (experiments.dto.ts). */
export class CreateCampaignDto extends CampaignExperimentFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** Saved segment id (UUID). */
  @IsUUID()
  segmentId!: string;

  /** sms | email */
  @IsIn(CAMPAIGN_CHANNELS, { message: 'channel must be sms or email' })
  channel!: CampaignChannel;

  /**
   * Template with `{{token}}` or `{{token|fallback}}` placeholders. Email: HTML, sanitized when saved (no
   * scripts, event handlers or javascript: URLs; values are escaped when rendered), may place
   * `{{unsubscribe_url}}`; SMS: 10,000 characters at most.
   * A draft may keep it empty while it is being written; launching requires it.
   */
  @IsString()
  @MaxLength(CAMPAIGN_MESSAGE_MAX)
  message!: string;

  /** Email subject (email only; may hold tokens). */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string | null;

  /** Email preview text shown after the subject in inbox lists, hidden in the message (email only; may hold tokens). */
  @IsOptional()
  @IsString()
  @MaxLength(PREHEADER_MAX)
  preheader?: string | null;

  /** ISO date-time to send at (launch then schedules instead of sending now). */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true }, { message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt?: string | null;

  /** Set when the message is an AI suggestion (the campaign's messageSource becomes `ai`). */
  @IsOptional()
  @ValidateNested()
  @Type(() => AiSuggestionRefDto)
  aiSuggestion?: AiSuggestionRefDto;

  /**
   * Local times (recipient's time zone) this campaign may send between, overriding the workspace
   * default of its channel; null or omitted: the workspace default.
   */
  @IsOptional()
  @IsObject({ message: 'sendingWindow must be { start, end } or null' })
  @ValidateNested()
  @Type(() => SendingWindowDto)
  sendingWindow?: SendingWindowDto | null;

  /** True: send at any time, ignoring the workspace's sending hours (cannot be combined with `sendingWindow`). */
  @IsOptional()
  @IsBoolean({ message: 'sendAnyTime must be true or false' })
  sendAnyTime?: boolean;
}

/** Sending variants, holdout or experiment replaces them (null: drop them); `message` alone edits the first variant. */
export class UpdateCampaignDto extends CampaignExperimentFieldsDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsUUID()
  segmentId?: string;

  @IsOptional()
  @IsIn(CAMPAIGN_CHANNELS, { message: 'channel must be sms or email' })
  channel?: CampaignChannel;

  /** May be emptied while the draft is being written; launching requires it. */
  @IsOptional()
  @IsString()
  @MaxLength(CAMPAIGN_MESSAGE_MAX)
  message?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string | null;

  /** Email preview text (email only; may hold tokens). */
  @IsOptional()
  @IsString()
  @MaxLength(PREHEADER_MAX)
  preheader?: string | null;

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true }, { message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt?: string | null;

  /**
   * Local times (recipient's time zone) this campaign may send between, overriding the workspace
   * default of its channel; null or omitted: the workspace default.
   */
  @IsOptional()
  @IsObject({ message: 'sendingWindow must be { start, end } or null' })
  @ValidateNested()
  @Type(() => SendingWindowDto)
  sendingWindow?: SendingWindowDto | null;

  /** True: send at any time, ignoring the workspace's sending hours (cannot be combined with `sendingWindow`). */
  @IsOptional()
  @IsBoolean({ message: 'sendAnyTime must be true or false' })
  sendAnyTime?: boolean;
  /** The message now comes from this AI suggestion (the wizard saves as you go, before the message is written). */
  @IsOptional()
  @ValidateNested()
  @Type(() => AiSuggestionRefDto)
  aiSuggestion?: AiSuggestionRefDto;
}

export class LaunchCampaignDto {
  /** Send at this time (delayed job). Without it: the campaign's own future `scheduledAt`, else now. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt?: string;

  /** Send now even when the campaign carries a future `scheduledAt`. */
  @IsOptional()
  @IsBoolean()
  now?: boolean;
}

export class CampaignDto {
  id!: string;
  name!: string;
  segmentId!: string;
  segmentName?: string | null;
  channel!: CampaignChannel;
  subject?: string | null;
  /** Email preview text (hidden in the message). */
  preheader?: string | null;
  message!: string;
  status!: CampaignStatus;
  /** Why the campaign is paused or failed (e.g. the failure threshold). */
  statusReason?: string | null;
  scheduledAt?: string | null;
  /** This campaign's own sending window; null: the workspace default of its channel (unless `sendAnyTime`). */
  sendingWindow?: SendingWindowDto | null;
  /** Sends at any time, ignoring the workspace's sending hours. */
  sendAnyTime!: boolean;
  /** Recipients snapshotted at launch (eligible on the channel). */
  audience!: number;
  /** Matched the segment but not eligible (not subscribed, no phone/email). */
  suppressed!: number;
  /** `ai` when created from an AI suggestion, else `manual`. */
  messageSource!: MessageSource;
  startedAt?: string | null;
  finishedAt?: string | null;
  createdBy?: string | null;
  /** A "retry failed" campaign: the campaign whose retryable failures it re-sends. */
  retryOf?: string | null;
  /** The message variants (absent: one variant, the message). */
  variants?: CampaignVariantDto[] | null;
  /** Share of the audience held out. */
  holdout?: number | null;
  /** The test phase's settings. */
  experiment?: ExperimentSettingsDto | null;
  createdAt!: string;
  updatedAt!: string;
}

export class CampaignListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES, { message: `status must be one of ${CAMPAIGN_STATUSES.join(', ')}` })
  status?: CampaignStatus;
}

export class CampaignPageDto {
  items!: CampaignDto[];
  nextCursor!: string | null;
}

export class CampaignStatsDto {
  campaignId!: string;
  status!: CampaignStatus;
  statusReason?: string | null;
  audience!: number;
  suppressed!: number;
  /** Not yet handed to the vendor. queued + sent + failed = audience. */
  queued!: number;
  /** Of `queued`: waiting for the sending window to open in the recipient's time zone (0 once the campaign ended). */
  scheduled!: number;
  /** When the earliest of the `scheduled` messages becomes due (ISO), or null. */
  windowOpensAt?: string | null;
  /** Accepted by the vendor (includes delivered, opened, clicked). */
  sent!: number;
  /** Rejected, failed receipt, or retries exhausted. */
  failed!: number;
  delivered!: number;
  /** Recipients with a human open we tracked (unique). */
  opened!: number;
  /** Recipients with a human click we tracked (unique). */
  clicked!: number;
  /** Opens and clicks labelled as machine traffic (proxies, scanners, prefetch), total. */
  machineOpens!: number;
  machineClicks!: number;
  /** Orders attributed to this campaign, and their revenue. */
  converted!: number;
  revenue!: number;
  /** Recipients who unsubscribed through this campaign's link. */
  unsubscribed!: number;
  startedAt?: string | null;
  finishedAt?: string | null;
  /** Messages handled (sent + failed) per second since start. */
  rate!: number;
  /** Per variant (campaigns with variants): their sums equal the campaign's totals. */
  variants?: VariantStatsDto[];
  /** The held-out customers (not part of `audience`). */
  holdout?: HoldoutStatsDto;
  /** The test phase and its decision. */
  experiment?: ExperimentStatsDto;
}

export class MessageDto {
  id!: string;
  campaignId!: string;
  campaignName?: string | null;
  customerId!: string;
  customerName?: string | null;
  recipient?: string | null;
  renderedText?: string | null;
  status!: MessageStatus;
  failureReason?: string | null;
  vendorMessageId?: string | null;
  queuedAt!: string;
  sentAt?: string | null;
  deliveredAt?: string | null;
  openedAt?: string | null;
  clickedAt?: string | null;
  failedAt?: string | null;
}

export class MessageListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(MESSAGE_STATUSES, { message: `status must be one of ${MESSAGE_STATUSES.join(', ')}` })
  status?: MessageStatus;
}

export class MessagePageDto {
  items!: MessageDto[];
  nextCursor!: string | null;
}

/** One vendor delivery receipt (see tools/vendor-stub/README.md). */
export class DeliveryReceiptDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  id!: string;

  @IsString()
  @MaxLength(300)
  vendorMessageId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  idempotencyKey!: string;

  @IsIn(['delivered', 'failed', 'opened', 'clicked'])
  type!: 'delivered' | 'failed' | 'opened' | 'clicked';

  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;

  @IsISO8601()
  at!: string;
}

export class DeliveryReceiptBatchDto {
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => DeliveryReceiptDto)
  receipts!: DeliveryReceiptDto[];
}

export class DeliveryReceiptResultDto {
  received!: number;
  /** New events applied. */
  applied!: number;
  /** Receipt ids seen before (replays), ignored. */
  duplicates!: number;
  /** Receipts naming no message of ours, ignored. */
  unknown!: number;
  /** Receipts naming one of our messages under another vendor message id, ignored (logged). */
  mismatched!: number;
}

export class InboundSmsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  id!: string;

  /** The sender as the gateway reports it: E.164 or a national format (spaces, dashes, dots, brackets allowed). */
  @IsString()
  @Matches(/^\+?[0-9][0-9 ().-]{3,30}$/, { message: 'from must be a phone number' })
  from!: string;

  @IsString()
  @MaxLength(2000)
  text!: string;

  @IsOptional()
  @IsISO8601()
  at?: string;
}

export class InboundSmsResultDto {
  /** unsubscribed | resubscribed | ignored | duplicate (an inbound id seen before: nothing changed) */
  action!: string;
  /** Customers whose SMS consent changed. */
  customers!: number;
}

export class DeliveryCountersDto {
  receiptsReceived!: number;
  receiptsApplied!: number;
  receiptsDuplicate!: number;
  receiptsUnknown!: number;
  receiptsMismatched!: number;
  inboundDuplicate!: number;
  signatureRejected!: number;
}
