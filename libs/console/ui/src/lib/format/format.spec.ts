import { formatDate, formatDateTime, formatTime } from './date.util';
import { FALLBACK_DISPLAY_SETTINGS, setDisplaySettings } from './display-settings';
import { formatCount } from './metrics.util';
import { currencySymbol, formatMoney } from './money.util';

// 2 Dec 2026, 16:28:05 in the test process's time zone (the console shows the browser's).
const AT = new Date(2026, 11, 2, 16, 28, 5);

describe('one format for amounts and dates (workspace locale en-IN, INR)', () => {
  beforeEach(() => setDisplaySettings(FALLBACK_DISPLAY_SETTINGS));

  it('shows amounts with the currency’s decimals, whole or not, grouped the Indian way', () => {
    expect(formatMoney(10714.5)).toBe('₹10,714.50');
    expect(formatMoney('10714.50')).toBe('₹10,714.50');
    expect(formatMoney(123456)).toBe('₹1,23,456.00');
    expect(formatMoney(0)).toBe('₹0.00');
    expect(currencySymbol()).toBe('₹');
  });

  it('keeps an order’s own currency and survives bad input', () => {
    expect(formatMoney(10, 'USD')).toBe('$10.00');
    expect(formatMoney('abc')).toBe('—');
    expect(formatMoney('')).toBe('—');
    expect(formatMoney(5, 'NOT-A-CURRENCY')).toBe('5.00 NOT-A-CURRENCY');
  });

  it('shows dates as "2 Dec 2026" and moments as "2 Dec 2026, 16:28"', () => {
    expect(formatDate(AT)).toBe('2 Dec 2026');
    expect(formatDate(AT.toISOString())).toBe('2 Dec 2026');
    expect(formatDateTime(AT)).toBe('2 Dec 2026, 16:28');
    expect(formatDateTime(AT, 'seconds')).toBe('2 Dec 2026, 16:28:05');
    expect(formatDateTime(AT, 'long')).toBe('Wednesday, 2 December 2026 at 16:28');
    expect(formatTime(AT)).toBe('16:28:05');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('groups counts in the workspace locale', () => {
    expect(formatCount(1234567)).toBe('12,34,567');
    expect(formatCount(null)).toBe('—');
  });

  it('follows the workspace settings, and ignores ones the browser cannot format', () => {
    setDisplaySettings({ locale: 'en-US', currency: 'USD' });
    expect(formatMoney(10714.5)).toBe('$10,714.50');
    expect(formatDate(AT)).toBe('Dec 2, 2026');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(setDisplaySettings({ locale: 'xx-invalid-!!', currency: 'nope' })).toEqual(FALLBACK_DISPLAY_SETTINGS);
  });
});
