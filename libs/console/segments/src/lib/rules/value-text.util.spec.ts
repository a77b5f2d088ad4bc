import { fromIsoDay, parseNumberText, toIsoDay } from './value-text.util';

describe('value text', () => {
  it('parses typed numbers', () => {
    expect(parseNumberText('5,000')).toBe(5000);
    expect(parseNumberText(' ₹12.5 ')).toBe(12.5);
    expect(parseNumberText('1.')).toBe(1);
    expect(parseNumberText('')).toBeNull();
    expect(parseNumberText('abc')).toBeNaN();
    expect(parseNumberText('1e5')).toBeNaN();
  });

  it('round-trips calendar days', () => {
    expect(toIsoDay(new Date(2024, 0, 31))).toBe('2024-01-31');
    expect(toIsoDay(fromIsoDay('2024-02-29') ?? new Date(0))).toBe('2024-02-29');
    expect(fromIsoDay('nope')).toBeNull();
    expect(fromIsoDay(5)).toBeNull();
  });
});
