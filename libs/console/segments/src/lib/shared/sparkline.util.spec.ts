import { sparklinePoints, trendDirection } from './sparkline.util';

describe('sparkline', () => {
  it('scales values into the box, highest at the top', () => {
    expect(sparklinePoints([0, 10], 100, 20, 0)).toBe('0,20 100,0');
    expect(sparklinePoints([5, 5, 5], 100, 20, 0)).toBe('0,10 50,10 100,10');
    expect(sparklinePoints([7], 100, 20)).toBe('50,10');
    expect(sparklinePoints([], 100, 20)).toBe('');
  });

  it('reads the direction', () => {
    expect(trendDirection([1, 3])).toBe('up');
    expect(trendDirection([3, 1])).toBe('down');
    expect(trendDirection([3])).toBe('flat');
  });
});
