import { customRange, presetRange, rangeDays } from './date-range.util';

describe('date ranges', () => {
  const now = new Date(2024, 4, 15, 13, 45); // 15 May 2024, 13:45 local

  it('a preset covers the last N local days, today included, with `to` exclusive', () => {
    const r = presetRange(7, now);
    expect(new Date(r.to)).toEqual(new Date(2024, 4, 16));
    expect(new Date(r.from)).toEqual(new Date(2024, 4, 9));
    expect(rangeDays(r)).toBe(7);
    expect(rangeDays(presetRange(90, now))).toBe(90);
  });

  it('a custom range runs from the first day to the end of the last, in either order', () => {
    const r = customRange(new Date(2024, 4, 10), new Date(2024, 4, 1));
    expect(r).toEqual({ from: new Date(2024, 4, 1).toISOString(), to: new Date(2024, 4, 11).toISOString() });
    expect(rangeDays(r!)).toBe(10);
  });

  it('a custom range waits for both ends', () => {
    expect(customRange(new Date(2024, 4, 1), null)).toBeNull();
    expect(customRange(null, null)).toBeNull();
  });
});
