import {
  Allow,
  IsArray,
  IsDateString,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from './page-query.dto';
import { CustomerOutlookDto } from './customer-outlook.dto';

export const SUBSCRIPTION_STATUSES = ['subscribed', 'unsubscribed', 'blocklisted'] as const;
export type SubscriptionStatusValue = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * Whether an import row or an ordinary customer update may move a channel's consent from `from` to
 * `to`: only towards less messaging (subscribed → unsubscribed → blocklisted). Re-subscribing is an
 * explicit consent action with a source (`POST /api/customers/:id/consent`); lifting a blocklist
 * entry needs an admin.
 */
export function consentOnlyTightens(from: string, to: string): boolean {
  const rank = (s: string) => SUBSCRIPTION_STATUSES.indexOf(s as SubscriptionStatusValue);
  return rank(to) >= rank(from);
}

export const CONSENT_CHANNELS = ['email', 'sms'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CUSTOMER_SORTS = ['name', 'created', 'totalSpend', 'lastOrder', 'updated'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const CUSTOMER_LIST_INCLUDES = ['outlook'] as const;
export type CustomerListInclude = (typeof CUSTOMER_LIST_INCLUDES)[number];

/** A customer profile with its purchase and activity aggregates. */
export class CustomerDto {
  id!: string;
  externalId!: string | null;
  /** Lower-cased. */
  email!: string | null;
  /** E.164, e.g. `+919876543210`. */
  phone!: string | null;
  firstName!: string | null;
  lastName!: string | null;
  city!: string | null;
  /** ISO 3166-1 alpha-2. */
  country!: string | null;
  tags!: string[];
  attributes!: Record<string, unknown>;
  /** Sum of order amounts. */
  totalSpend!: number;
  orderCount!: number;
  visitCount!: number;
  firstOrderAt!: string | null;
  lastOrderAt!: string | null;
  lastActiveAt!: string | null;
  emailStatus!: SubscriptionStatusValue;
  smsStatus!: SubscriptionStatusValue;
  createdAt!: string;
  updatedAt!: string;
  /** The model's scores (null before the first run or without orders): on the detail, and in the list with `include=outlook`. */
  outlook?: CustomerOutlookDto | null;
}

export class OrderDto {
  id!: string;
  customerId!: string;
  externalId!: string | null;
  amount!: number;
  /** ISO 4217. */
  currency!: string;
  status!: string;
  items!: unknown;
  orderedAt!: string;
  createdAt!: string;
}

export class CustomerDetailDto extends CustomerDto {
  /** The 10 most recent orders, newest first. */
  recentOrders!: OrderDto[];
  /** Always present here (null when unscored). */
  declare outlook: CustomerOutlookDto | null;
}

export class CustomerPageDto {
  items!: CustomerDto[];
  nextCursor!: string | null;
}

export class OrderPageDto {
  items!: OrderDto[];
  nextCursor!: string | null;
}

export class CustomerListQueryDto extends PageQueryDto {
  /** Search in name, email and phone (substring, case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** City (exact, case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  city?: string;

  /** Customers carrying this tag. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  tag?: string;

  @IsOptional()
  @IsIn(CUSTOMER_SORTS, { message: `sort must be one of ${CUSTOMER_SORTS.join(', ')}` })
  sort?: CustomerSort;

  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  /**
   * Sync: customers changed (created or updated) at or after this ISO 8601 date-time, oldest change
   * first (sort `updated`, order `asc`), keyset-paged by (updatedAt, id). A page only holds changes
   * whose transactions have all committed, so nothing is skipped; resume a later sync with the last
   * `updatedAt` you saw (rows at that instant come again: deduplicate by id). Deletions are not listed.
   */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'updatedSince must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' })
  updatedSince?: string;

  /** `outlook`: each customer also carries its model scores (`outlook`, the customer list's Outlook columns). */
  @IsOptional()
  @IsIn(CUSTOMER_LIST_INCLUDES, { message: `include must be one of ${CUSTOMER_LIST_INCLUDES.join(', ')}` })
  include?: CustomerListInclude;
}

/**
 * Create a customer. At least one of `email`, `phone`, `externalId` is required. Values are
 * normalized as the CSV import does (email lower-cased, phone to E.164 using `country` or the
 * deployment's default country, country to ISO alpha-2, names trimmed, tags lower-cased).
 */
export class CreateCustomerDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  firstName?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  lastName?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  city?: string | null;

  /** ISO alpha-2, alpha-3 or an English country name. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  country?: string | null;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;

  @IsOptional()
  @IsIn(SUBSCRIPTION_STATUSES, {
    message: `emailStatus must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`,
  })
  emailStatus?: SubscriptionStatusValue;

  @IsOptional()
  @IsIn(SUBSCRIPTION_STATUSES, {
    message: `smsStatus must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`,
  })
  smsStatus?: SubscriptionStatusValue;
}

/** Partial update; `null` clears a field (a customer must keep an email, a phone or an external id). Consent changes are audited. */
export class UpdateCustomerDto extends CreateCustomerDto {}

/**
 * One order. The customer is named by `customerId`, `customerExternalId` or `customerEmail`
 * (first present wins). `amount` is a decimal (number or string); `currency` defaults to the
 * deployment's DEFAULT_CURRENCY.
 */
export class CreateOrderDto {
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a UUID' })
  customerId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  customerExternalId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  customerEmail?: string;

  /** Your order id; a second order with the same one is not booked twice. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string;

  /** Decimal amount ≥ 0, e.g. `1499.5` or `"1499.50"`. */
  @ValidateIf((o: CreateOrderDto) => typeof o.amount !== 'number')
  @IsString({ message: 'amount must be a number or a decimal string' })
  amount!: number | string;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  currency?: string;

  /** Default `completed`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  status?: string;

  /** Line items, stored as given (JSON). */
  @Allow()
  items?: unknown;

  /** ISO 8601 date-time. */
  @IsDateString({}, { message: 'orderedAt must be an ISO 8601 date-time' })
  orderedAt!: string;
}

/** A batch of up to 1,000 orders. */
export class CreateOrdersDto {
  orders!: CreateOrderDto[];
}

export class SkippedOrderDto {
  /** Position in `orders` (0 for a single order). */
  index!: number;
  externalId!: string;
  /** Why it was not booked (an order with this externalId exists). */
  reason!: string;
}

/** Result of a batch: booked orders and the ones skipped as already known (by externalId). */
export class OrdersResultDto {
  inserted!: number;
  items!: OrderDto[];
  skipped!: SkippedOrderDto[];
}

/** An explicit consent change for one channel, with where the consent came from. */
export class ChangeConsentDto {
  @IsIn(CONSENT_CHANNELS, { message: `channel must be one of: ${CONSENT_CHANNELS.join(', ')}` })
  channel!: ConsentChannel;

  @IsIn(SUBSCRIPTION_STATUSES, { message: `status must be one of: ${SUBSCRIPTION_STATUSES.join(', ')}` })
  status!: SubscriptionStatusValue;

  /** Where the consent comes from, e.g. "double opt-in form 2026-12-02" or "phone call, ticket 4411". */
  @IsString({ message: 'source must be text' })
  @MinLength(3, { message: 'source must say where the consent comes from (3 characters at least)' })
  @MaxLength(200, { message: 'source is too long (200 characters at most)' })
  source!: string;
}

export class RecordVisitDto {
  /** When the visit happened (ISO 8601); default now. */
  @IsOptional()
  @IsDateString({}, { message: 'at must be an ISO 8601 date-time' })
  at?: string;
}

/** Most records one batch request takes (`POST /api/customers/batch`, `POST /api/orders/batch`). */
export const MAX_BATCH_RECORDS = 1000;

/** Up to 1,000 customers to upsert (matched by externalId, else email, else phone). */
export class CustomerBatchDto {
  records!: CreateCustomerDto[];
}

/** Up to 1,000 orders to upsert by their `externalId` (required in a batch). */
export class OrderBatchDto {
  records!: CreateOrderDto[];
}

export class BatchIssueDto {
  /** Where, e.g. `records[3].email`. */
  path!: string;
  message!: string;
}

export const BATCH_RECORD_STATUSES = ['created', 'updated', 'unchanged', 'invalid'] as const;
export type BatchRecordStatus = (typeof BATCH_RECORD_STATUSES)[number];

export class BatchRecordResultDto {
  /** Position in `records`. */
  index!: number;
  status!: BatchRecordStatus;
  /** The customer's (or order's) id; absent for an invalid record. */
  id?: string;
  /** Why the record was refused (status `invalid`). */
  errors?: BatchIssueDto[];
  /** Values of a landed record that were not applied, e.g. an email another customer has. */
  warnings?: BatchIssueDto[];
}

/** One result per record, in order; valid records landed in one transaction, invalid ones changed nothing. */
export class BatchResultDto {
  results!: BatchRecordResultDto[];
  created!: number;
  updated!: number;
  unchanged!: number;
  invalid!: number;
}
