/** How the console shows numbers, amounts and dates: the workspace's DEFAULT_LOCALE and DEFAULT_CURRENCY. */
export interface DisplaySettings {
  /** BCP 47 locale, e.g. `en-IN`. */
  locale: string;
  /** ISO 4217 code amounts without their own currency are shown in, e.g. `INR`. */
  currency: string;
}

/** The API's defaults, used until (or if) the workspace's settings have loaded. */
export const FALLBACK_DISPLAY_SETTINGS: DisplaySettings = { locale: 'en-IN', currency: 'INR' };

let current: DisplaySettings = FALLBACK_DISPLAY_SETTINGS;

/** The settings every formatter in this folder uses. */
export function displaySettings(): DisplaySettings {
  return current;
}

/**
 * Set once at start-up from `GET /api/auth/providers` (before the first render, so pure pipes see it).
 * A locale or currency the browser does not know keeps the fallback.
 */
export function setDisplaySettings(next: Partial<DisplaySettings> | null | undefined): DisplaySettings {
  const locale = next?.locale && isLocale(next.locale) ? next.locale : FALLBACK_DISPLAY_SETTINGS.locale;
  const currency =
    next?.currency && isCurrency(next.currency) ? next.currency.toUpperCase() : FALLBACK_DISPLAY_SETTINGS.currency;
  current = { locale, currency };
  return current;
}

function isLocale(locale: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

function isCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return /^[A-Za-z]{3}$/.test(code);
  } catch {
    return false;
  }
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** One formatter per locale and options, built on first use. */
export function cachedFormat<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  const k = `${current.locale}|${key}`;
  let f = cache.get(k) as T | undefined;
  if (!f) {
    f = build();
    cache.set(k, f);
  }
  return f;
}
