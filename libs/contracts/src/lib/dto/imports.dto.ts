import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from './page-query.dto';

export const IMPORT_KINDS = ['customers', 'orders'] as const;
export type ImportKindValue = (typeof IMPORT_KINDS)[number];
export const DUPLICATE_POLICIES = ['skip', 'update', 'merge'] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];
const IMPORT_CONSENT_VALUES = ['subscribed', 'unsubscribed'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** What the API answers and the console shows for a file with nothing to import (one wording for both). */
export const IMPORT_FILE_EMPTY = 'This file is empty';
export const IMPORT_FILE_NO_DATA_ROWS = 'This file has column headers but no data rows';

/** The text fields both import forms share (the `file` part travels beside them). */
class ImportFormDto {
  @IsIn(IMPORT_KINDS, { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind!: ImportKindValue;

  /** JSON object: header text → field (`email`, `first_name`, `attributes.<key>`, `ignore` …); omitted, it is guessed from the headers. */
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  mapping?: string;

  /** ISO alpha-2 country for phone numbers without an international prefix (default: DEFAULT_COUNTRY). */
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'defaultCountry must be an ISO 3166 alpha-2 code' })
  defaultCountry?: string;

  /** Day/month order for ambiguous dates like 03/04/2024 (default dmy). */
  @IsOptional()
  @IsIn(['dmy', 'mdy'], { message: 'dateOrder must be dmy or mdy' })
  dateOrder?: 'dmy' | 'mdy';
}

/**
 * Multipart form of `POST /api/imports` (the `file` part plus these text fields, in any order).
 * The file's declared content type is ignored.
 */
export class CreateImportDto extends ImportFormDto {
  /** skip (default): keep the stored customer; update: the file wins for non-empty cells; merge: fill only empty fields, union tags. */
  @IsOptional()
  @IsIn(DUPLICATE_POLICIES, {
    message: `duplicatePolicy must be one of ${DUPLICATE_POLICIES.join(', ')}`,
  })
  duplicatePolicy?: DuplicatePolicy;

  /** Email consent of new customers whose row has no email consent value (default: Admin › Settings › Consent). */
  @IsOptional()
  @IsIn(IMPORT_CONSENT_VALUES, { message: `emailConsent must be one of ${IMPORT_CONSENT_VALUES.join(', ')}` })
  emailConsent?: 'subscribed' | 'unsubscribed';

  /** SMS consent of new customers whose row has no SMS consent value (default: Admin › Settings › Consent). */
  @IsOptional()
  @IsIn(IMPORT_CONSENT_VALUES, { message: `smsConsent must be one of ${IMPORT_CONSENT_VALUES.join(', ')}` })
  smsConsent?: 'subscribed' | 'unsubscribed';

  /** Where the file's consent comes from, e.g. "checkout opt-in, Shopify export 2026-11"; kept in the consent history. */
  @IsOptional()
  @IsString({ message: 'consentSource must be text' })
  @MaxLength(200, { message: 'consentSource is too long (200 characters at most)' })
  consentSource?: string;
}

/** Multipart form of `POST /api/imports/preview`: the `file` part (the first megabyte is enough), `kind`, and an edited mapping to try. */
export class PreviewImportDto extends ImportFormDto {}

export class ImportCreatedDto {
  id!: string;
}

/** An import job: status, counts so far and progress. Always `rows = inserted + updated + duplicates + failed`. */
export class ImportJobDto {
  id!: string;
  kind!: ImportKindValue;
  fileName!: string;
  status!: ImportStatus;
  /** Rows processed so far (data rows, header excluded). */
  rows!: number;
  inserted!: number;
  updated!: number;
  /** Rows matching an existing customer/order (or an earlier row of the file) that were not applied. */
  duplicates!: number;
  /** Rows not imported; each is listed in errors.csv. */
  failed!: number;
  /** Rows imported without one of their values (listed in errors.csv as warnings). */
  warnings!: number;
  /** 0–100, by bytes read. */
  percent!: number;
  rowsPerSecond!: number;
  etaSeconds!: number | null;
  message!: string | null;
  duplicatePolicy!: DuplicatePolicy;
  /** What new customers without a consent value got, per channel. */
  consent!: { email: 'subscribed' | 'unsubscribed'; sms: 'subscribed' | 'unsubscribed'; source: string | null } | null;
  createdAt!: string;
  startedAt!: string | null;
  finishedAt!: string | null;
}

export class ImportPageDto {
  items!: ImportJobDto[];
  nextCursor!: string | null;
}

export class ImportListQueryDto extends PageQueryDto {}

/** How one column of the file is mapped. */
export class ColumnMappingDto {
  index!: number;
  header!: string;
  /** A field (`email`, `first_name`, `customer_email` …), `attributes.<key>` or `ignore`. */
  target!: string;
  source!: 'user' | 'auto' | 'attribute' | 'duplicate';
}

export class RowIssueDto {
  severity!: 'error' | 'warning';
  rowNumber!: number;
  column!: string;
  message!: string;
  raw!: string[];
}

export class PreviewRowDto {
  rowNumber!: number;
  cells!: string[];
  /** Normalized record (camelCase fields), null when the row would fail. */
  record!: Record<string, unknown> | null;
  issues!: RowIssueDto[];
}

export class ImportPreviewDto {
  encoding!: string;
  delimiter!: string;
  headers!: string[];
  mapping!: ColumnMappingDto[];
  rows!: PreviewRowDto[];
}
