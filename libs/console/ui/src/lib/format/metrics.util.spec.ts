import { countChange, formatCount, formatPercent, rateChange, ratio } from './metrics.util';

describe('ratio and formatPercent', () => {
  it('divides only when there is a base', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(3, 0)).toBeNull();
  });

  it('shows one decimal unless the percentage is whole, and a dash without a base', () => {
    expect(formatPercent(0.25)).toBe('25%');
    expect(formatPercent(0.12345)).toBe('12.3%');
    expect(formatPercent(1 / 3, 2)).toBe('33.33%');
    expect(formatPercent(0.9999)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('groups counts', () => {
    expect(formatCount(1234567)).toBe('12,34,567');
    expect(formatCount(null)).toBe('—');
  });
});

describe('countChange', () => {
  it('gives the relative change with arrow, sign and whether it is good', () => {
    expect(countChange(150, 100)).toEqual({ direction: 'up', text: '▲ +50%', good: true });
    expect(countChange(75, 100)).toEqual({ direction: 'down', text: '▼ \u221225%', good: false });
    expect(countChange(100, 100)).toEqual({ direction: 'flat', text: '— 0%', good: null });
    expect(countChange(1, 3)).toEqual({ direction: 'down', text: '▼ \u221266.7%', good: false });
  });

  it('treats a rise of something bad as bad news', () => {
    expect(countChange(12, 10, false)).toEqual({ direction: 'up', text: '▲ +20%', good: false });
    expect(countChange(8, 10, false)?.good).toBe(true);
  });

  it('says New when the previous period had none, nothing when both are empty', () => {
    expect(countChange(5, 0)).toEqual({ direction: 'up', text: '▲ New', good: true });
    expect(countChange(0, 0)).toBeNull();
    expect(countChange(0, 4)).toEqual({ direction: 'down', text: '▼ \u2212100%', good: false });
  });
});

describe('rateChange', () => {
  it('gives the change in percentage points', () => {
    expect(rateChange(0.25, 0.2)).toEqual({ direction: 'up', text: '▲ +5 pts', good: true });
    expect(rateChange(0.1, 0.125)).toEqual({ direction: 'down', text: '▼ \u22122.5 pts', good: false });
    expect(rateChange(0.5, 0.5)).toEqual({ direction: 'flat', text: '— 0 pts', good: null });
  });

  it('has nothing to say when a period has no base', () => {
    expect(rateChange(null, 0.2)).toBeNull();
    expect(rateChange(0.2, null)).toBeNull();
  });
});
