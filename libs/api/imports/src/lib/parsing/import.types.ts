import type { CountryCode } from 'libphonenumber-js/min';
import type { DateOrder, SubscriptionStatus } from '@mini-crm/customer-data';

/** What a file holds. */
export type ImportKind = 'customers' | 'orders';

/** Encodings the reader recognises (names as iconv-lite and browsers spell them). */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Field delimiters the reader detects. */
export type CsvDelimiter = ',' | ';' | '\t';

export const CUSTOMER_FIELDS = [
  'external_id',
  'email',
  'phone',
  'first_name',
  'last_name',
  'name',
  'city',
  'country',
  'tags',
  'email_status',
  'sms_status',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

export const ORDER_FIELDS = [
  'external_id',
  'customer_email',
  'customer_external_id',
  'amount',
  'currency',
  'ordered_at',
  'status',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

/**
 * Where a column goes: a field of the kind (snake_case, DESIGN §2), `attributes.<key>`, or `ignore`.
 * `name` (customers) is a full name split into first/last name.
 */
export type MappingTarget = CustomerField | OrderField | `attributes.${string}` | 'ignore';

/** User override, keyed by header text (exact, else case/punctuation-insensitive). */
export type UserMapping = Readonly<Record<string, string>>;

/** How one column of the file was mapped. */
export interface ColumnMapping {
  /** 0-based column index. */
  index: number;
  /** Header text as found in the file (trimmed). */
  header: string;
  target: MappingTarget;
  /** `user` = from the user mapping, `auto` = recognised header/synonym, `attribute` = unknown column kept in attributes, `duplicate` = a second column for an already mapped field, kept in attributes. */
  source: 'user' | 'auto' | 'attribute' | 'duplicate';
}

export interface NormalizeOptions {
  /** Country for phone numbers written without an international prefix when the row has no country. Default 'IN'. */
  defaultCountry?: CountryCode;
  /** Currency when the row has none. ISO 4217. Default 'INR'. */
  defaultCurrency?: string;
  /** Order for ambiguous numeric dates. Default 'dmy'. */
  dateOrder?: DateOrder;
  /**
   * Decimal separator of amounts. 'auto' (default): comma when the file is semicolon-delimited
   * (European exports: `1.234,56`), dot otherwise.
   */
  decimalSeparator?: 'auto' | '.' | ',';
  /** Lower-case alias → city (built-in plus admin aliases). Default: the built-in CITY_ALIASES. */
  cityAliases?: Readonly<Record<string, string>>;
}

export interface ParseImportOptions extends NormalizeOptions {
  kind: ImportKind;
  mapping?: UserMapping;
  /** Rows (good + failed) per yielded batch. Default 1000. */
  batchSize?: number;
}

/** A customer row after normalization. Property names are camelCase (JSON convention). */
export interface CustomerRecord {
  externalId: string | null;
  /** Lower-cased, validated. */
  email: string | null;
  /** E.164. */
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  /** Lower-cased, trimmed, de-duplicated. */
  tags: string[];
  /** Unknown or user-mapped `attributes.<key>` columns; empty cells are left out. */
  attributes: Record<string, string>;
  emailStatus: SubscriptionStatus | null;
  smsStatus: SubscriptionStatus | null;
}

/** An order row after normalization. */
export interface OrderRecord {
  externalId: string | null;
  customerEmail: string | null;
  customerExternalId: string | null;
  /** Canonical decimal string (e.g. "1234.5"), never a float, for a `numeric` column. */
  amount: string;
  /** ISO 4217, upper case. */
  currency: string;
  orderedAt: Date;
  /** Trimmed, lower-cased. */
  status: string | null;
  attributes: Record<string, string>;
}

export type RecordOf<K extends ImportKind> = K extends 'customers' ? CustomerRecord : OrderRecord;

export interface NormalizedRow<R = CustomerRecord | OrderRecord> {
  /** Physical line where the record starts; the header is line 1 when the file starts with it. */
  rowNumber: number;
  /** The cells as read from the file (not trimmed). */
  cells: string[];
  record: R;
}

export type IssueSeverity = 'error' | 'warning';

/** An `error` means the row was not imported; a `warning` means it was, without the named value. */
export interface RowIssue {
  severity: IssueSeverity;
  rowNumber: number;
  /** Header of the offending column (or the field name when the file has no such column; '' for a malformed line). */
  column: string;
  message: string;
  /** Original cells of the row (a malformed line comes as one cell holding its text). */
  raw: string[];
}

export interface ImportBatch<R = CustomerRecord | OrderRecord> {
  rows: NormalizedRow<R>[];
  /** Errors (rows not imported) and warnings (rows imported without a value), in file order. */
  errors: RowIssue[];
  /** Rows of this batch that failed (distinct rows with an error; a row can have several errors). */
  failedRows: number;
  /** Bytes of the input consumed so far, for progress. */
  bytesRead: number;
}

/** What was learnt about the file before reading rows. */
export interface CsvFileInfo {
  encoding: CsvEncoding;
  /** Whether the file started with a byte-order mark. */
  bom: boolean;
  delimiter: CsvDelimiter;
  /** Header cells, trimmed; empty when the file is empty. */
  headers: string[];
  /** Line of the header (1 unless the file starts with blank lines). */
  headerLine: number;
}
