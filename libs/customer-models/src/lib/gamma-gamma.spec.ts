import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import gammaRandom from '@stdlib/random-base-gamma';
import { expectedAverageOrderValue, fitGammaGamma, type SpendData } from './gamma-gamma';

function loadRepeaters(): SpendData {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'cdnow-summary.csv'), 'utf8');
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number))
    .filter((cols) => cols[1] > 0);
  return { x: Float64Array.from(rows.map((c) => c[1])), mean: Float64Array.from(rows.map((c) => c[4])) };
}

const relativeError = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe('Gamma-Gamma spend model', () => {
  it('reproduces the published CDNOW estimates (p 6.25, q 3.74, γ 15.44) within 1 %', () => {
    const data = loadRepeaters();
    expect(data.x).toHaveLength(946);
    const fit = fitGammaGamma(data);
    expect(relativeError(fit.params.p, 6.25)).toBeLessThan(0.01);
    expect(relativeError(fit.params.q, 3.74)).toBeLessThan(0.01);
    expect(relativeError(fit.params.gamma, 15.44)).toBeLessThan(0.01);
  });

  it('recovers simulated parameters within 15 %', () => {
    const truth = { p: 4, q: 3, gamma: 40 };
    const nu = gammaRandom.factory(truth.q, truth.gamma, { seed: 11 });
    const z = gammaRandom.factory({ seed: 12 });
    const n = 8000;
    const data: SpendData = { x: new Float64Array(n), mean: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const x = 1 + (i % 6);
      const rate = nu();
      let total = 0;
      for (let k = 0; k < x; k++) total += z(truth.p, rate);
      data.x[i] = x;
      data.mean[i] = total / x;
    }
    const fit = fitGammaGamma(data);
    expect(relativeError(fit.params.p, truth.p)).toBeLessThan(0.15);
    expect(relativeError(fit.params.q, truth.q)).toBeLessThan(0.15);
    expect(relativeError(fit.params.gamma, truth.gamma)).toBeLessThan(0.15);
  });

  it('shrinks a customer’s average towards the population mean, less with more orders', () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const population = expectedAverageOrderValue(params, 0, 0);
    expect(population).toBeCloseTo((6.25 * 15.44) / 2.74, 9);
    const one = expectedAverageOrderValue(params, 1, 100);
    const ten = expectedAverageOrderValue(params, 10, 100);
    expect(one).toBeGreaterThan(population);
    expect(one).toBeLessThan(ten);
    expect(ten).toBeLessThan(100);
  });

  it('refuses identical spend and too few customers with a reason', () => {
    const same: SpendData = { x: new Float64Array(30).fill(2), mean: new Float64Array(30).fill(25) };
    expect(() => fitGammaGamma(same)).toThrow(/same average order value/);
    expect(() => fitGammaGamma({ x: Float64Array.of(1), mean: Float64Array.of(5) })).toThrow(/at least 10/);
    const negative: SpendData = { x: new Float64Array(20).fill(1), mean: new Float64Array(20).fill(-3) };
    expect(() => fitGammaGamma(negative)).toThrow(/not positive/);
  });
});
