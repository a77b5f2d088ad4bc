import { cachedFormat, displaySettings } from './display-settings';

/**
 * An amount as people read it, in the workspace locale: `₹10,714.50`, `₹1,23,456.00` (en-IN, INR) — always the
 * currency's own decimals, so a column lines up and the console says what messages say. "—" when not a number.
 */
export function formatMoney(amount: number | string | null | undefined, currency?: string | null): string {
  const value = typeof amount === 'string' ? (amount.trim() === '' ? Number.NaN : Number(amount)) : (amount ?? 0);
  if (!Number.isFinite(value)) return '—';
  const code = (currency || displaySettings().currency).toUpperCase();
  const locale = displaySettings().locale;
  try {
    return cachedFormat(
      `money:${code}`,
      () => new Intl.NumberFormat(locale, { style: 'currency', currency: code }),
    ).format(value);
  } catch {
    return `${cachedFormat('money:plain', () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(value)} ${code}`;
  }
}

/** The workspace currency's symbol (`₹` for INR in en-IN), for a prefix in an amount field. */
export function currencySymbol(currency?: string | null): string {
  const code = (currency || displaySettings().currency).toUpperCase();
  const locale = displaySettings().locale;
  try {
    const parts = cachedFormat(
      `money:${code}`,
      () => new Intl.NumberFormat(locale, { style: 'currency', currency: code }),
    ).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? code;
  } catch {
    return code;
  }
}
