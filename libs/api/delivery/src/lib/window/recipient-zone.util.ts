import { IANAZone } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { REPRESENTATIVE_ZONES } from './country-zone.data';

/** What a customer row tells about where the recipient is. */
export interface ZoneHints {
  /** The customer's `timezone` attribute (IANA name), if any. */
  timezone?: unknown;
  /** ISO 3166-1 alpha-2 country of the customer. */
  country?: string | null;
  /** E.164 phone number. */
  phone?: string | null;
}

export type ZoneSource = 'attribute' | 'country' | 'phone' | 'workspace';

const byCountry = new Map<string, string | null>();

/** The zone of a country: the representative one for multi-zone countries, else its only zone (Intl/CLDR). */
export function countryZone(country: string): string | null {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return null;
  const cached = byCountry.get(code);
  if (cached !== undefined) return cached;
  let zone: string | null = REPRESENTATIVE_ZONES[code] ?? null;
  if (!zone) {
    const locale = new Intl.Locale(`und-${code}`) as Intl.Locale & {
      timeZones?: string[];
      getTimeZones?: () => string[] | undefined;
    };
    const zones = locale.getTimeZones?.() ?? locale.timeZones ?? [];
    zone = zones.length === 1 ? zones[0] : null;
  }
  byCountry.set(code, zone);
  return zone;
}

/** True for a time zone name the runtime knows (IANA, e.g. `Asia/Kolkata`). */
export function isKnownZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && zone.length <= 64 && IANAZone.isValidZone(zone);
}

/**
 * The recipient's time zone: the `timezone` attribute when it names a real zone, else the zone of
 * the customer's country, else of the phone number's country, else the workspace zone.
 */
export function recipientZone(hints: ZoneHints, workspaceZone: string): { zone: string; source: ZoneSource } {
  if (isKnownZone(hints.timezone)) return { zone: hints.timezone, source: 'attribute' };
  const fromCountry = hints.country ? countryZone(hints.country) : null;
  if (fromCountry) return { zone: fromCountry, source: 'country' };
  if (hints.phone) {
    const country = parsePhoneNumberFromString(hints.phone)?.country;
    const fromPhone = country ? countryZone(country) : null;
    if (fromPhone) return { zone: fromPhone, source: 'phone' };
  }
  return { zone: workspaceZone, source: 'workspace' };
}
