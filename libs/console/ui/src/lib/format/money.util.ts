const formatters = new Map<string, Intl.NumberFormat>();

/** Money with Indian digit grouping (₹1,23,456.50); whole amounts drop the paise. */
export function formatMoney(amount: number | string | null | undefined, currency = 'INR'): string {
  const value = typeof amount === 'string' ? Number(amount) : (amount ?? 0);
  if (!Number.isFinite(value)) return '—';
  const whole = Number.isInteger(value);
  const key = `${currency}:${whole}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    try {
      fmt = new Intl.NumberFormat('en-IN', {
        style: 'currency',
        currency,
        minimumFractionDigits: whole ? 0 : 2,
        maximumFractionDigits: 2,
      });
    } catch {
      fmt = new Intl.NumberFormat('en-IN', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, fmt);
  }
  return fmt.format(value);
}
