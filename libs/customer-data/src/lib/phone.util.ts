import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { Normalized } from './normalized.types';

/**
 * Parses a phone number into E.164 with libphonenumber-js.
 *
 * Uses the `min` metadata: about 3x faster than `max` here (≈4 µs vs ≈11 µs per number) which the
 * 100k rows/s import budget needs. `min` validates length and leading digits per country but not
 * the full number-type patterns, so a few unassigned ranges pass as valid; the messaging vendor
 * rejects those later, which is acceptable for an import.
 *
 * `country` is the row's ISO country, used for numbers written without an international prefix;
 * a leading `00` is read as `+`.
 */
export function normalizePhone(input: string, country: CountryCode = 'IN'): Normalized<string> {
  let text = input.trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  if (text.charCodeAt(0) === 48 && text.charCodeAt(1) === 48) text = '+' + text.slice(2);
  const parsed = parsePhoneNumberFromString(text, country);
  if (parsed === undefined) return { ok: false, reason: `not a phone number` };
  if (!parsed.isValid()) return { ok: false, reason: `not a valid phone number for ${parsed.country ?? country}` };
  return { ok: true, value: parsed.number };
}
