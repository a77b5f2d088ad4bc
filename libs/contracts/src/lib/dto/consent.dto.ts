import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CONSENT_CHANNELS, type ConsentChannel, type SubscriptionStatusValue } from './customers.dto';

/** Where a consent change came from. */
export const CONSENT_SOURCES = [
  'import',
  'api',
  'unsubscribe_link',
  'stop',
  'start',
  'bounce',
  'complaint',
  'admin',
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** What an imported row without a consent value gets on a channel. */
export const IMPORT_CONSENT_STATUSES = ['subscribed', 'unsubscribed'] as const;
export type ImportConsentStatus = (typeof IMPORT_CONSENT_STATUSES)[number];

/** One change of one channel's consent. */
export class ConsentEventDto {
  id!: string;
  channel!: ConsentChannel;
  status!: SubscriptionStatusValue;
  source!: ConsentSource;
  /** More about the source: the import's file and default, the explicit action's stated source. */
  note!: string | null;
  /** The user who made the change; null when the recipient did (link, STOP/START, complaint) or the email service (bounce). */
  actorId!: string | null;
  actorEmail!: string | null;
  at!: string;
}

export class ConsentHistoryDto {
  items!: ConsentEventDto[];
}

/** Admin › Settings › Consent: the default consent of imported rows that have no consent column. */
export class ConsentSettingsDto {
  importEmailStatus!: ImportConsentStatus;
  importSmsStatus!: ImportConsentStatus;
}

export class UpdateConsentSettingsDto {
  @IsIn(IMPORT_CONSENT_STATUSES, {
    message: `importEmailStatus must be one of ${IMPORT_CONSENT_STATUSES.join(', ')}`,
  })
  importEmailStatus!: ImportConsentStatus;

  @IsIn(IMPORT_CONSENT_STATUSES, { message: `importSmsStatus must be one of ${IMPORT_CONSENT_STATUSES.join(', ')}` })
  importSmsStatus!: ImportConsentStatus;
}

export const SUPPRESSION_REASONS = ['unsubscribed', 'stop', 'blocklisted', 'erased', 'admin', 'bounced'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** A suppression list entry: only a prefix of its hash is shown, never the contact point. */
export class SuppressionDto {
  channel!: ConsentChannel;
  hashPrefix!: string;
  reason!: SuppressionReason;
  createdAt!: string;
}

export class SuppressionPageDto {
  items!: SuppressionDto[];
  nextCursor!: string | null;
}

/** Add or remove a contact point: `value` is an email (channel email) or a phone number (channel sms). */
export class SuppressionInputDto {
  @IsIn(CONSENT_CHANNELS, { message: `channel must be one of: ${CONSENT_CHANNELS.join(', ')}` })
  channel!: ConsentChannel;

  @IsString({ message: 'value must be text' })
  @MinLength(3, { message: 'value must be an email address or a phone number' })
  @MaxLength(320, { message: 'value is too long (320 characters at most)' })
  value!: string;
}

/** Optional note when an admin adds an entry. */
export class AddSuppressionDto extends SuppressionInputDto {
  @IsOptional()
  @IsString({ message: 'note must be text' })
  @MaxLength(200, { message: 'note is too long (200 characters at most)' })
  note?: string;
}

/** Everything stored about one customer (data-subject access request). */
export class PrivacyExportDto {
  exportedAt!: string;
  customer!: Record<string, unknown>;
  orders!: Record<string, unknown>[];
  messages!: Record<string, unknown>[];
  messageEvents!: Record<string, unknown>[];
  engagementEvents!: Record<string, unknown>[];
  consentHistory!: ConsentEventDto[];
}

/** Erasure must be confirmed with the customer's name or the word ERASE. */
export class EraseCustomerDto {
  @IsString({ message: 'confirm must be text' })
  @MinLength(1, { message: 'confirm must be the customer’s name or ERASE' })
  @MaxLength(300, { message: 'confirm is too long (300 characters at most)' })
  confirm!: string;
}
