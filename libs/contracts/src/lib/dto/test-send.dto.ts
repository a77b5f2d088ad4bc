import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CAMPAIGN_CHANNELS, type CampaignChannel } from './campaigns.dto';
import { CAMPAIGN_MESSAGE_MAX, PREHEADER_MAX } from './message-limits';

/** Most addresses or numbers one test send may go to. */
export const TEST_SEND_MAX_RECIPIENTS = 5;

/**
 * A test of the message on screen (saved or not): rendered for one customer, sent through the channel's
 * configured provider to addresses or numbers typed by the user. Nothing is recorded as a campaign
 * message and nothing counts in stats.
 */
export class TestSendDto {
  /** sms | email */
  @IsIn(CAMPAIGN_CHANNELS, { message: 'channel must be sms or email' })
  channel!: CampaignChannel;

  /** The template, as for a campaign (email HTML is sanitized before it is sent). */
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

  /** The customer whose data fills the tokens (e.g. one of the preview's samples). */
  @IsUUID('all', { message: 'customerId must be a customer id' })
  customerId!: string;

  /** 1–5 email addresses (email) or phone numbers (SMS; E.164, or national for DEFAULT_COUNTRY). */
  @IsArray({ message: 'to must be a list of addresses or numbers' })
  @ArrayMinSize(1, { message: 'to needs at least one address or number' })
  @ArrayMaxSize(TEST_SEND_MAX_RECIPIENTS, {
    message: `to holds at most ${TEST_SEND_MAX_RECIPIENTS} addresses or numbers`,
  })
  @IsString({ each: true, message: 'each recipient must be text' })
  @MaxLength(254, { each: true, message: 'a recipient is 254 characters at most' })
  to!: string[];
}

/** What became of one test message. */
export class TestSendResultItemDto {
  /** The address or number as it was sent to (normalized). */
  to!: string;
  /** `sent`: the provider accepted it; `failed`: it refused (see `detail`). */
  status!: 'sent' | 'failed';
  /** The provider's message id, or why it failed. */
  detail!: string;
}

export class TestSendResultDto {
  /** vendor | smtp | twilio */
  provider!: string;
  /** Whose data the message was rendered with. */
  customerId!: string;
  subject?: string | null;
  results!: TestSendResultItemDto[];
}
