import type { CountryCode } from 'libphonenumber-js/min';
import type { CreateCustomerDto } from '@mini-crm/contracts';
import type { FieldIssue } from '@mini-crm/api/core';
import {
  attributesProblems,
  normalizeCountry,
  normalizeEmail,
  normalizeCity,
  normalizePersonName,
  normalizePhone,
  splitTags,
  type Normalized,
} from '@mini-crm/customer-data';

/** Normalized writable fields; a key is present only when the input carried it (null = clear). */
export interface CustomerChanges {
  externalId?: string | null;
  email?: string | null;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  city?: string | null;
  country?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
  emailStatus?: string;
  smsStatus?: string;
}

/**
 * Normalizes API input exactly as the CSV import does (same normalizers): invalid email, phone or
 * country are reported per field instead of dropped. `fallbackCountry` parses phone numbers
 * without a prefix when the input has no country (the stored one on update, else the default).
 * `cityAliases` is the built-in plus admin alias map (CityAliasesService.aliasMap); the built-in one by default.
 */
export function normalizeCustomerInput(
  input: CreateCustomerDto,
  fallbackCountry: string,
  cityAliases?: Readonly<Record<string, string>>,
): { changes: CustomerChanges; issues: FieldIssue[] } {
  const changes: CustomerChanges = {};
  const issues: FieldIssue[] = [];
  const has = (k: keyof CreateCustomerDto) => Object.prototype.hasOwnProperty.call(input, k) && input[k] !== undefined;
  const text = (v: string | null | undefined) => (v === null || v === undefined ? null : v.trim() || null);

  if (has('externalId')) changes.externalId = text(input.externalId);
  /** Blank clears the field; otherwise the normalized value, or an issue at the field. */
  const normalizeField = (
    key: 'country' | 'email' | 'phone',
    normalize: (raw: string) => Normalized<string>,
    describe: (reason: string) => string,
  ) => {
    if (!has(key)) return;
    const raw = text(input[key]);
    if (raw === null) changes[key] = null;
    else {
      const r = normalize(raw);
      if (r.ok) changes[key] = r.value;
      else issues.push({ path: key, message: describe(r.reason) });
    }
  };
  normalizeField('country', normalizeCountry, (reason) => reason);
  normalizeField('email', normalizeEmail, (reason) => `Email is not valid: ${reason}`);
  normalizeField(
    'phone',
    (raw) => normalizePhone(raw, (changes.country ?? fallbackCountry) as CountryCode),
    (reason) => `invalid phone: ${reason}`,
  );
  if (has('firstName')) changes.firstName = normalizePersonName(input.firstName ?? '');
  if (has('lastName')) changes.lastName = normalizePersonName(input.lastName ?? '');
  if (has('city')) changes.city = normalizeCity(input.city ?? '', cityAliases);
  if (has('tags')) {
    const tags: string[] = [];
    for (const t of input.tags ?? []) for (const tag of splitTags(t)) if (!tags.includes(tag)) tags.push(tag);
    changes.tags = tags;
  }
  if (has('attributes')) {
    changes.attributes = input.attributes ?? {};
    for (const problem of attributesProblems(changes.attributes))
      issues.push({ path: 'attributes', message: `Attributes ${problem}` });
  }
  if (has('emailStatus')) changes.emailStatus = input.emailStatus;
  if (has('smsStatus')) changes.smsStatus = input.smsStatus;
  return { changes, issues };
}
