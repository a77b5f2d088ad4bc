import { getCountries } from 'libphonenumber-js/min';
import type { Normalized } from './normalized.types';
import { COUNTRY_NAMES } from './country.data';

const NOT_COUNTRIES = new Set(['AC', 'TA', 'XK']); // in phone metadata but not ISO 3166-1
const ALPHA2: ReadonlySet<string> = new Set<string>(getCountries().filter((c) => !NOT_COUNTRIES.has(c)));
const LOOKUP = buildLookup();

function buildLookup(): Map<string, string> {
  const map = new Map<string, string>();
  for (const code of ALPHA2) map.set(code.toLowerCase(), code);
  for (const [alpha2, ...names] of COUNTRY_NAMES) {
    for (const name of names) map.set(countryKey(name), alpha2);
  }
  return map;
}

/** Lower case, accents and everything but letters removed: "Korea, Republic of" → "korearepublicof". */
function countryKey(text: string): string {
  let key = text.toLowerCase();
  if (/[^\x20-\x7e]/.test(key)) key = key.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return key.replace(/[^a-z]/g, '');
}

/**
 * ISO 3166-1 alpha-2 from an alpha-2 code, an alpha-3 code or an English name
 * (case, punctuation and accents ignored; the ~90 most common countries by name).
 */
export function normalizeCountry(input: string): Normalized<string> {
  const trimmed = input.trim();
  if (trimmed.length === 0) return { ok: false, reason: 'empty' };
  // Codes come back as the stored (interned) strings: libphonenumber-js looks them up as keys.
  const code =
    trimmed.length === 2
      ? (LOOKUP.get(trimmed.toLowerCase()) ?? LOOKUP.get(countryKey(trimmed)))
      : LOOKUP.get(countryKey(trimmed));
  return code ? { ok: true, value: code } : { ok: false, reason: `unknown country "${trimmed}"` };
}
