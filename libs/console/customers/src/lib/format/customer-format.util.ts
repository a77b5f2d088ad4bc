import type { SubscriptionStatusValue } from '@mini-crm/contracts';

interface Named {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  externalId?: string | null;
}

/** What to call a customer: full name, else email, phone or external id. */
export function customerName(c: Named): string {
  const full = [c.firstName, c.lastName]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ');
  return full || c.email || c.phone || c.externalId || 'Unnamed customer';
}

export const SUBSCRIPTION_LABELS: Record<SubscriptionStatusValue, string> = {
  subscribed: 'Subscribed',
  unsubscribed: 'Unsubscribed',
  blocklisted: 'Blocklisted',
};

/** A country name from its ISO code (the code itself when the runtime has no name for it). */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Attribute values as text for the attributes table. */
export function attributeText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
