import { normalizeCurrency } from '@mini-crm/customer-data';
import { ImportMappingError } from './import.errors';
import {
  CUSTOMER_FIELDS,
  ORDER_FIELDS,
  type ColumnMapping,
  type ImportKind,
  type MappingTarget,
  type UserMapping,
} from './import.types';

type Synonyms = Record<string, readonly string[]>;

/** Synonyms per field, written naturally; matching uses {@link headerKey} of both sides. */
const CUSTOMER_SYNONYMS: Synonyms = {
  external_id: [
    'external id',
    'id',
    'customer id',
    'customer_id',
    'customer number',
    'client id',
    'contact id',
    'user id',
    'ref',
    'reference',
  ],
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'mail', 'email id', 'emailid'],
  phone: [
    'phone',
    'phone number',
    'mobile',
    'mobile number',
    'mobile no',
    'cell',
    'cell phone',
    'telephone',
    'tel',
    'contact number',
    'whatsapp',
    'msisdn',
  ],
  first_name: ['first name', 'firstname', 'given name', 'forename', 'fname'],
  last_name: ['last name', 'lastname', 'surname', 'family name', 'lname'],
  name: ['name', 'full name', 'fullname', 'customer name', 'contact name', 'client name'],
  city: ['city', 'town', 'town/city', 'locality'],
  country: ['country', 'country code', 'nation'],
  tags: ['tags', 'tag', 'labels', 'label', 'groups'],
  email_status: [
    'email status',
    'email_status',
    'email consent',
    'email subscription',
    'email opt in',
    'accepts email',
    'accepts marketing',
    'email marketing',
  ],
  sms_status: [
    'sms status',
    'sms_status',
    'sms consent',
    'sms subscription',
    'sms opt in',
    'accepts sms',
    'accepts sms marketing',
    'sms marketing',
  ],
};

const ORDER_SYNONYMS: Synonyms = {
  external_id: [
    'order id',
    'order_id',
    'external id',
    'id',
    'order number',
    'order no',
    'invoice number',
    'invoice id',
    'transaction id',
  ],
  customer_email: ['customer email', 'email', 'e-mail', 'email address', 'buyer email'],
  customer_external_id: ['customer external id', 'customer id', 'customer_id', 'client id', 'customer number'],
  amount: [
    'amount',
    'total',
    'order amount',
    'order total',
    'total amount',
    'grand total',
    'value',
    'price',
    'order value',
    'revenue',
    'amount paid',
    'total paid',
    'net amount',
    'sale amount',
    'total price',
    'subtotal',
  ],
  currency: ['currency', 'currency code'],
  ordered_at: [
    'ordered at',
    'order date',
    'date',
    'created at',
    'purchase date',
    'order time',
    'timestamp',
    'placed at',
  ],
  status: ['status', 'order status', 'state', 'financial status'],
};

const FIELDS: Record<ImportKind, readonly string[]> = { customers: CUSTOMER_FIELDS, orders: ORDER_FIELDS };
const SYNONYM_INDEX: Record<ImportKind, Map<string, MappingTarget>> = {
  customers: buildIndex(CUSTOMER_SYNONYMS),
  orders: buildIndex(ORDER_SYNONYMS),
};

function buildIndex(synonyms: Synonyms): Map<string, MappingTarget> {
  const index = new Map<string, MappingTarget>();
  for (const [field, words] of Object.entries(synonyms)) {
    index.set(headerKey(field), field as MappingTarget);
    for (const word of words) index.set(headerKey(word), field as MappingTarget);
  }
  return index;
}

/** Case-, accent- and punctuation-insensitive key of a header: "E-mail Address" → "emailaddress". */
export function headerKey(header: string): string {
  return stripAccents(header.toLowerCase()).replace(/[^a-z0-9]/g, '');
}

/** snake_case key for `attributes`: "Loyalty Tier (2024)" → "loyalty_tier_2024". */
export function attributeKey(header: string): string {
  return stripAccents(header.toLowerCase())
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function stripAccents(text: string): string {
  return /[^\x20-\x7e]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
}

/**
 * Maps each header of a file to a field of `kind`, an attribute key or `ignore`.
 *
 * Order of precedence: the user mapping (by exact header, else by {@link headerKey}), then known
 * names and synonyms. The first column claiming a field wins; a later column for the same field,
 * and every unknown column, goes to `attributes.<snake_case header>` so no data is lost (an empty
 * header becomes `column_<n>`). Throws {@link ImportMappingError} when the user mapping names a
 * target that does not exist for `kind`.
 */
export function detectMapping(
  headers: readonly string[],
  kind: ImportKind,
  userMapping: UserMapping = {},
): ColumnMapping[] {
  validateUserMapping(userMapping, kind);
  const byKey = new Map<string, string>();
  for (const [header, target] of Object.entries(userMapping)) byKey.set(headerKey(header), target);
  const taken = new Set<string>();
  const usedAttributeKeys = new Set<string>();
  const result: ColumnMapping[] = [];
  const pending: number[] = [];
  // First pass: user mapping, so an explicit choice wins over an earlier auto-detected column.
  headers.forEach((raw, index) => {
    const header = raw.trim();
    const user = Object.prototype.hasOwnProperty.call(userMapping, raw)
      ? userMapping[raw]
      : Object.prototype.hasOwnProperty.call(userMapping, header)
        ? userMapping[header]
        : byKey.get(headerKey(header));
    if (user === undefined) {
      pending.push(index);
      return;
    }
    const target = normalizeTarget(user);
    if (target.startsWith('attributes.')) usedAttributeKeys.add(target.slice(11));
    else if (target !== 'ignore' && taken.has(target)) {
      pending.push(index); // a second column for the same field: keep it as an attribute
      return;
    } else if (target !== 'ignore') taken.add(target);
    result[index] = { index, header, target, source: 'user' };
  });
  pending.sort((a, b) => a - b);
  for (const index of pending) {
    const header = headers[index].trim();
    const field = knownField(kind, header);
    if (field !== undefined && !taken.has(field)) {
      taken.add(field);
      result[index] = { index, header, target: field, source: 'auto' };
      continue;
    }
    let key = attributeKey(header) || `column_${index + 1}`;
    if (usedAttributeKeys.has(key)) key = `${key}_${index + 1}`;
    usedAttributeKeys.add(key);
    result[index] = {
      index,
      header,
      target: `attributes.${key}`,
      source: field === undefined ? 'attribute' : 'duplicate',
    };
  }
  return result;
}

/** The field a header names: a synonym as written, else an amount with its currency after it ("Amount (INR)"). */
function knownField(kind: ImportKind, header: string): MappingTarget | undefined {
  const index = SYNONYM_INDEX[kind];
  const direct = index.get(headerKey(header));
  if (direct !== undefined) return direct;
  const bare = withoutCurrencyMark(header);
  if (bare === null) return undefined;
  const field = index.get(headerKey(bare));
  return field === 'amount' ? field : undefined;
}

/**
 * The words before a trailing currency mark, or null without one: a code or symbol in brackets, or after a space,
 * a dash or "in" ("Amount (INR)", "Total [₹]", "Order Total - EUR", "Amount in INR", "Total ₹" → "Amount" …).
 */
export function withoutCurrencyMark(header: string): string | null {
  const match =
    /^(.*?\S)(?:\s*[([]\s*([^()[\]\s]{1,4})\s*[)\]]|\s*(?:-|\s+in)?\s+([^\s-]{1,4})|\s*(\p{Sc}))\s*$/iu.exec(
      header.trim(),
    );
  if (!match) return null;
  const mark = match[2] ?? match[3] ?? match[4];
  return isCurrencyMark(mark) ? match[1] : null;
}

let currencyCodes: ReadonlySet<string> | null = null;

/** A currency symbol or word (₹, Rs, $ …) or a current ISO 4217 code ("Total Qty" is not an amount in QTY). */
function isCurrencyMark(mark: string): boolean {
  const currency = normalizeCurrency(mark);
  if (!currency.ok) return false;
  if (!/^[a-z]{3}$/i.test(mark)) return true;
  currencyCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return currencyCodes.has(currency.value);
}

function normalizeTarget(target: string): MappingTarget {
  if (target.startsWith('attributes.')) return `attributes.${attributeKey(target.slice(11))}`;
  return target as MappingTarget;
}

function validateUserMapping(userMapping: UserMapping, kind: ImportKind): void {
  const details: Record<string, string> = {};
  const fields = FIELDS[kind];
  for (const [header, target] of Object.entries(userMapping)) {
    if (typeof target !== 'string') details[header] = 'target must be a string';
    else if (target.startsWith('attributes.')) {
      if (attributeKey(target.slice(11)) === '') details[header] = 'attribute key is empty';
    } else if (target !== 'ignore' && !fields.includes(target)) {
      details[header] =
        `unknown ${kind} field "${target}" (expected one of ${fields.join(', ')}, attributes.<key> or ignore)`;
    }
  }
  if (Object.keys(details).length > 0) throw new ImportMappingError('Invalid column mapping', details);
}
