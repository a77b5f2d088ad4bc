import { formatMoney } from './money.util';

describe('formatMoney', () => {
  it('groups rupees the Indian way and keeps paise only when present', () => {
    expect(formatMoney(123456)).toBe('₹1,23,456');
    expect(formatMoney(1234.5)).toBe('₹1,234.50');
    expect(formatMoney('99.9')).toBe('₹99.90');
    expect(formatMoney(0)).toBe('₹0');
  });
  it('uses the order currency and survives bad input', () => {
    expect(formatMoney(10, 'USD')).toBe('$10');
    expect(formatMoney('abc')).toBe('—');
    expect(formatMoney(5, 'NOT-A-CURRENCY')).toBe('5');
  });
});
