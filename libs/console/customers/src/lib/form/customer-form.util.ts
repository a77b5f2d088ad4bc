import type { CreateCustomerDto, CustomerDto, SubscriptionStatusValue } from '@mini-crm/contracts';

/** The editable fields of the customer form, in display order. */
export const CUSTOMER_FORM_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'city',
  'country',
  'externalId',
  'tags',
  'emailStatus',
  'smsStatus',
] as const;
export type CustomerFormField = (typeof CUSTOMER_FORM_FIELDS)[number];

export interface AttributeRow {
  key: string;
  value: string;
}

export interface CustomerFormValue {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  city: string;
  country: string;
  externalId: string;
  tags: string[];
  emailStatus: SubscriptionStatusValue;
  smsStatus: SubscriptionStatusValue;
  attributes: AttributeRow[];
}

export function emptyCustomerForm(): CustomerFormValue {
  return {
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    city: '',
    country: '',
    externalId: '',
    tags: [],
    emailStatus: 'subscribed',
    smsStatus: 'subscribed',
    attributes: [],
  };
}

export function formFromCustomer(c: CustomerDto): CustomerFormValue {
  return {
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    city: c.city ?? '',
    country: c.country ?? '',
    externalId: c.externalId ?? '',
    tags: [...(c.tags ?? [])],
    emailStatus: c.emailStatus,
    smsStatus: c.smsStatus,
    attributes: Object.entries(c.attributes ?? {}).map(([key, value]) => ({
      key,
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  };
}

/**
 * Request body from the form. Creating leaves blank fields out; editing sends them as null so a
 * cleared field is cleared on the server. Attribute rows without a key are dropped.
 */
export function customerBody(value: CustomerFormValue, mode: 'create' | 'update'): CreateCustomerDto {
  const text = (v: string): string | null | undefined => {
    const t = v.trim();
    if (t) return t;
    return mode === 'update' ? null : undefined;
  };
  const attributes: Record<string, string> = {};
  for (const row of value.attributes) {
    const key = row.key.trim();
    if (key) attributes[key] = row.value.trim();
  }
  const body: CreateCustomerDto = {
    firstName: text(value.firstName),
    lastName: text(value.lastName),
    email: text(value.email),
    phone: text(value.phone),
    city: text(value.city),
    country: text(value.country),
    externalId: text(value.externalId),
    tags: normalizeTags(value.tags),
    attributes,
    emailStatus: value.emailStatus,
    smsStatus: value.smsStatus,
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as CreateCustomerDto;
}

/** Tags as the importer stores them: trimmed, lower-cased, unique; a typed "a; b | c" becomes three. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags.flatMap((x) => x.split(/[;|,]/))) {
    const tag = t.trim().toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Form field of an API error path (`email`, `body.email`, `tags[2]`, `attributes.tier`). */
export function formFieldOfPath(path: string): CustomerFormField | 'attributes' | null {
  const parts = path.split(/[.[\]]/).filter(Boolean);
  for (const part of parts) {
    if ((CUSTOMER_FORM_FIELDS as readonly string[]).includes(part)) return part as CustomerFormField;
    if (part === 'attributes') return 'attributes';
  }
  return null;
}

/** Which field a 409 duplicate message is about ("A customer with this email already exists"). */
export function conflictField(message: string): CustomerFormField | null {
  const m = message.toLowerCase();
  if (/external[\s_-]?id/.test(m) || m.includes('externalid')) return 'externalId';
  if (/e-?mail/.test(m)) return 'email';
  if (/phone|mobile/.test(m)) return 'phone';
  return null;
}
