import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { SegmentGroup } from '../segments/segment-rule';
import { AI_SUGGESTION_PROVIDERS, CAMPAIGN_CHANNELS, type CampaignChannel } from './campaigns.dto';

/** Declared with campaigns (a campaign remembers which provider's suggestion it came from). */
export const AI_PROVIDERS = AI_SUGGESTION_PROVIDERS;
export type AiProviderName = (typeof AI_PROVIDERS)[number];

export const AI_MESSAGE_INTENTS = [
  'win_back',
  'welcome',
  'promotion',
  're_engagement',
  'loyalty',
  'announcement',
  'custom',
] as const;
export type AiMessageIntent = (typeof AI_MESSAGE_INTENTS)[number];

export const AI_MESSAGE_TONES = ['friendly', 'professional', 'playful', 'urgent', 'empathetic'] as const;
export type AiMessageTone = (typeof AI_MESSAGE_TONES)[number];

export const AI_MESSAGE_LENGTHS = ['short', 'medium', 'long'] as const;
export type AiMessageLength = (typeof AI_MESSAGE_LENGTHS)[number];

export const AI_INSTRUCTIONS_MAX = 1000;
export const AI_SEGMENT_TEXT_MAX = 1000;

export class AiMessagesRequestDto {
  /** What the message should achieve; `custom` takes its goal from `instructions`. */
  @IsIn(AI_MESSAGE_INTENTS, {
    message: `intent must be one of ${AI_MESSAGE_INTENTS.join(', ')}`,
  })
  intent!: AiMessageIntent;

  /** Saved segment the message is for; its aggregates (never customer data) shape the suggestions. */
  @IsOptional()
  @IsUUID()
  segmentId?: string;

  /** sms | email */
  @IsIn(CAMPAIGN_CHANNELS, { message: 'channel must be sms or email' })
  channel!: CampaignChannel;

  /** Default `friendly`. */
  @IsOptional()
  @IsIn(AI_MESSAGE_TONES, { message: `tone must be one of ${AI_MESSAGE_TONES.join(', ')}` })
  tone?: AiMessageTone;

  /** Default `short` (one SMS segment: 160 GSM-7 characters). */
  @IsOptional()
  @IsIn(AI_MESSAGE_LENGTHS, {
    message: `length must be one of ${AI_MESSAGE_LENGTHS.join(', ')}`,
  })
  length?: AiMessageLength;

  /** Language to write in, e.g. `English`, `Hindi`, `es` (default English). */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^\p{L}[\p{L} ()-]*$/u, { message: 'language must be a language name or code' })
  language?: string;

  /** Free-text guidance (offer, product, event); required for the `custom` intent. */
  @ValidateIf(
    (o: AiMessagesRequestDto) => o.intent === 'custom' || (o.instructions !== undefined && o.instructions !== null),
  )
  @IsString()
  @IsNotEmpty({ message: 'instructions are required for the custom intent' })
  @MaxLength(AI_INSTRUCTIONS_MAX)
  instructions?: string;
}

export class AiMessageOptionDto {
  /** Message body with `{{token|fallback}}` placeholders from the field registry. */
  text!: string;
  /** Email subject (email only). */
  subject?: string;
  /** Why this option might work for the audience. */
  rationale!: string;
  /** Personalization tokens used in text and subject, e.g. `first_name`, `attributes.tier`. */
  tokens!: string[];
}

export class AiMessagesResponseDto {
  /** Who wrote the options: `gemini`, or `offline` (no key, or the fallback after a Gemini failure). */
  @IsIn(AI_PROVIDERS)
  provider!: AiProviderName;
  /** At least three options, each checked for known tokens and (SMS) the requested length. */
  options!: AiMessageOptionDto[];
}

export class AiSegmentRulesRequestDto {
  /** Plain-language audience description, e.g. "spent over 5000 and not ordered in 3 months". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(AI_SEGMENT_TEXT_MAX)
  text!: string;
}

export class AiSegmentRulesResponseDto {
  /** Who produced the rules: `gemini` or `offline`. */
  @IsIn(AI_PROVIDERS)
  provider!: AiProviderName;
  /** Rule tree (root group), validated by the segment engine; editable in the builder. */
  rules!: SegmentGroup;
  /** The rules in plain English. */
  summary!: string;
  /** Customers the rules match now. */
  count!: number;
}
