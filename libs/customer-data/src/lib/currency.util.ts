import type { Normalized } from './normalized.types';

const SYMBOLS: Record<string, string> = {
  '₹': 'INR',
  rs: 'INR',
  'rs.': 'INR',
  inr: 'INR',
  $: 'USD',
  us$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  aed: 'AED',
};
const ISO_CODE = /^[A-Z]{3}$/;

/** ISO 4217 code (upper-cased) from a code or a common symbol (₹, Rs, $, €, £, ¥). */
export function normalizeCurrency(input: string): Normalized<string> {
  const text = input.trim();
  const lower = text.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(SYMBOLS, lower)) return { ok: true, value: SYMBOLS[lower] };
  const upper = text.toUpperCase();
  return ISO_CODE.test(upper)
    ? { ok: true, value: upper }
    : { ok: false, reason: `not an ISO 4217 currency code: "${text}"` };
}
