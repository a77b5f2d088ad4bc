/** How a customer value is shown to people: the registry's field type decides. */
export type DisplayKind = 'currency' | 'number' | 'date' | 'text';

export interface DisplaySettings {
  /** BCP 47 locale for numbers and dates, e.g. `en-IN`. */
  locale: string;
  /** ISO 4217 code amounts are shown in, e.g. `INR`. */
  currency: string;
}

/** Turns a stored value into text for a person, or undefined when it has no such form (the caller shows it as stored). */
export type ValueDisplay = (name: string, value: unknown) => string | undefined;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `₹6,265.98` for amounts, `1,234` for counts, `2 Dec 2026` for dates (in UTC, as stored). Formatters are
 * built once; a value that does not parse is left to the caller.
 */
export function createValueDisplay(settings: DisplaySettings, kindOf: (name: string) => DisplayKind): ValueDisplay {
  const money = new Intl.NumberFormat(settings.locale, {
    style: 'currency',
    currency: settings.currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const number = new Intl.NumberFormat(settings.locale, { maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(settings.locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (name, value) => {
    if (value === null || value === undefined || value === '') return undefined;
    const kind = kindOf(name);
    if (kind === 'currency' || kind === 'number') {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isFinite(n) || String(value).trim() === '') return undefined;
      return kind === 'currency' ? money.format(n) : number.format(n);
    }
    if (kind === 'date') {
      const d = value instanceof Date ? value : ISO_DATE.test(String(value)) ? new Date(String(value)) : null;
      return d && !Number.isNaN(d.getTime()) ? date.format(d) : undefined;
    }
    return undefined;
  };
}
