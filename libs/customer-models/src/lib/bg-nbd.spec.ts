import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bgNbdLogLikelihood,
  bgNbdRowLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchasesNew,
  fitBgNbd,
  probabilityAlive,
  rescaleBgNbd,
} from './bg-nbd';
import { ModelFitError } from './model-fit-error';
import { repeatDataFromRows, type RepeatRow } from './repeat-data';
import { simulateBgNbd } from './simulate';

function loadCdnow(): Array<RepeatRow & { zbar: number }> {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'cdnow-summary.csv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [, x, tx, T, zbar] = line.split(',').map(Number);
      return { x, tx, T, zbar };
    });
}

const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(relative);

describe('BG/NBD on the CDNOW sample (weeks)', () => {
  const rows = loadCdnow();
  const fit = fitBgNbd(repeatDataFromRows(rows));

  it('holds 2,357 customers with 2,457 repeat purchases', () => {
    expect(rows).toHaveLength(2357);
    expect(rows.reduce((s, r) => s + r.x, 0)).toBe(2457);
  });

  it('reproduces the published estimates within 1 %', () => {
    within(fit.params.r, 0.243, 0.01);
    within(fit.params.alpha, 4.414, 0.01);
    within(fit.params.a, 0.793, 0.01);
    within(fit.params.b, 2.426, 0.01);
    within(fit.logLikelihood, -9582.4, 0.0005);
    expect(fit.customers).toBe(2357);
  });

  it('reproduces the paper’s 39-week forecast for a customer with x=2, tx=30.43, T=38.86 (1.226)', () => {
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    within(conditionalExpectedPurchases(published, 39, 2, 30.43, 38.86), 1.226, 0.005);
  });

  it('sums the per-customer likelihood to the grouped total', () => {
    const data = repeatDataFromRows(rows);
    let sum = 0;
    for (const row of rows) sum += bgNbdRowLogLikelihood(fit.params, row.x, row.tx, row.T);
    within(bgNbdLogLikelihood(fit.params, data), sum, 1e-12);
  });

  it('gives the same answers in days once α is scaled by 7', () => {
    const days = rescaleBgNbd(fit.params, 7);
    const inWeeks = conditionalExpectedPurchases(fit.params, 13, 3, 20, 35);
    const inDays = conditionalExpectedPurchases(days, 91, 3, 140, 245);
    within(inDays, inWeeks, 1e-9);
    within(probabilityAlive(days, 3, 140, 245), probabilityAlive(fit.params, 3, 20, 35), 1e-9);
  });

  it('expects fewer purchases from customers quiet for longer', () => {
    const recent = conditionalExpectedPurchases(fit.params, 52, 5, 37, 38);
    const quiet = conditionalExpectedPurchases(fit.params, 52, 5, 10, 38);
    expect(recent).toBeGreaterThan(quiet * 2);
    expect(probabilityAlive(fit.params, 5, 10, 38)).toBeLessThan(0.2);
    expect(probabilityAlive(fit.params, 0, 0, 38)).toBe(1);
  });
});

describe('BG/NBD parameter recovery from simulated customers', () => {
  it.each([
    { r: 0.25, alpha: 4, a: 0.8, b: 2.5 },
    { r: 1.5, alpha: 30, a: 0.6, b: 4 },
  ])('recovers %o within 15 % from 20,000 customers', (truth) => {
    const data = simulateBgNbd(truth, { customers: 20_000, maxAge: 52, seed: 20260101 });
    const fit = fitBgNbd(data);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect({ [key]: Math.abs(fit.params[key] / truth[key] - 1) < 0.15 }).toEqual({ [key]: true });
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, data));
  });

  it('matches the unconditional expectation on average', () => {
    const truth = { r: 0.5, alpha: 10, a: 0.7, b: 2.5 };
    const data = simulateBgNbd(truth, { customers: 20_000, maxAge: 26, seed: 7, fixedAge: true });
    const mean = data.x.reduce((s, v) => s + v, 0) / data.x.length;
    within(mean, expectedPurchasesNew(truth, 26), 0.05);
  });
});

describe('BG/NBD refuses degenerate data', () => {
  it('with no repeat purchases', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ x: 0, tx: 0, T: 10 + i }));
    expect(() => fitBgNbd(repeatDataFromRows(rows))).toThrow(/no customer has ordered on a second day/);
  });

  it('with too few customers', () => {
    expect(() => fitBgNbd(repeatDataFromRows([{ x: 1, tx: 2, T: 5 }]))).toThrow(ModelFitError);
  });

  it('with inconsistent rows', () => {
    const rows = Array.from({ length: 30 }, () => ({ x: 2, tx: 9, T: 5 }));
    expect(() => fitBgNbd(repeatDataFromRows(rows))).toThrow(/last repeat \(9\) ≤ age \(5\)/);
  });

  it('when everyone has the same history', () => {
    const rows = Array.from({ length: 40 }, () => ({ x: 3, tx: 20, T: 30 }));
    expect(() => fitBgNbd(repeatDataFromRows(rows))).toThrow(ModelFitError);
  });
});
