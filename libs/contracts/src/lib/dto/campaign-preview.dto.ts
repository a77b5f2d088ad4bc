import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CAMPAIGN_CHANNELS, type CampaignChannel } from './campaigns.dto';
import { CAMPAIGN_MESSAGE_MAX, PREHEADER_MAX } from './message-limits';

export class PreviewCampaignDto {
  /** How many sample customers of the audience to render (1–20). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

/** Preview of an unsaved draft (compose step of the wizard). */
export class PreviewDraftDto extends PreviewCampaignDto {
  @IsUUID()
  segmentId!: string;

  @IsIn(CAMPAIGN_CHANNELS, { message: 'channel must be sms or email' })
  channel!: CampaignChannel;

  /** May be empty: the audience counts and the estimate still answer (the wizard's audience step). */
  @IsString()
  @MaxLength(CAMPAIGN_MESSAGE_MAX)
  message!: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(PREHEADER_MAX)
  preheader?: string | null;
}

export class SmsLengthDto {
  /** GSM-7 or UCS-2 */
  encoding!: string;
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  units!: number;
  segments!: number;
  perSegment!: number;
}

export class PreviewSampleDto {
  customerId!: string;
  customerName?: string | null;
  recipient?: string | null;
  subject?: string | null;
  /** Email: the preview text as rendered for this customer. */
  preheader?: string | null;
  /** The body as rendered (email: the sanitized HTML fragment). */
  text!: string;
  /** Email: the whole HTML document as it is sent (hidden preheader, body, unsubscribe link); render it sandboxed. */
  document?: string | null;
  /** SMS only. */
  sms?: SmsLengthDto | null;
}

/** What a launch would send: messages, SMS segments and cost (cost only when COST_PER_SMS / COST_PER_EMAIL is set). */
export class CampaignEstimateDto {
  /** One message per reachable recipient (= audience). */
  messages!: number;
  /** SMS only: segments per message (the longest of the template and the rendered samples). */
  smsSegmentsPerMessage?: number | null;
  /** SMS only: messages × segments per message. */
  smsSegments?: number | null;
  /** messages × the channel's configured cost per message; null when no cost is configured. */
  cost?: number | null;
  /** Currency of `cost` (COST_CURRENCY). */
  currency!: string;
}

export class CampaignPreviewDto {
  channel!: CampaignChannel;
  /** Eligible recipients right now (subscribed, reachable on the channel). */
  audience!: number;
  /** Matching the segment but not eligible. */
  suppressed!: number;
  tokens!: string[];
  /** Length of the template with fallbacks (SMS only). */
  sms?: SmsLengthDto | null;
  samples!: PreviewSampleDto[];
  /** Email: what to fix before sending (no placed unsubscribe link, images without alt text, over Gmail's 102 KB). */
  warnings!: string[];
  /** What launching now would send and cost (the launch confirmation shows it). */
  estimate!: CampaignEstimateDto;
}

export class MessageTokenDto {
  /** Use as `{{name}}` or `{{name|fallback}}`. */
  name!: string;
  label!: string;
}

export class MessageTokenListDto {
  tokens!: MessageTokenDto[];
  /** Pattern of custom attribute tokens, e.g. `attributes.<key>`. */
  attributePattern!: string;
}
