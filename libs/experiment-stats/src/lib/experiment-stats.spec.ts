import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseExperiment } from './compare-variants';
import { holmAdjust } from './holm';
import { probabilityToBeBest } from './probability-best';
import { compareProportions, wilsonInterval } from './proportions';
import { sampleSizePerVariant } from './sample-size';
import { welchTTest } from './welch';

// Reference values: fixtures/reference.json, made by fixtures/make-reference.py (SciPy).
interface Counts {
  successes: number;
  trials: number;
}
interface Moments {
  n: number;
  sum: number;
  sumOfSquares: number;
}
interface Reference {
  wilson: (Counts & { confidence: number; interval: number[] })[];
  proportions: {
    a: Counts;
    b: Counts;
    confidence: number;
    difference: number;
    z: number;
    pValue: number;
    interval: number[];
  }[];
  holm: { pValues: number[]; adjusted: number[] }[];
  welch: {
    a: Moments;
    b: Moments;
    confidence: number;
    difference: number;
    t: number;
    df: number;
    pValue: number;
    interval: number[];
  }[];
  probabilityBest: { variants: Counts[]; probabilities: number[] }[];
  sampleSize: {
    baselineRate: number;
    minimumDetectableLift: number;
    confidence: number;
    power: number;
    perVariant: number;
  }[];
}
const reference = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'reference.json'), 'utf8'),
) as Reference;
const close = (actual: number, expected: number, digits = 10) => expect(actual).toBeCloseTo(expected, digits);

describe('Wilson interval', () => {
  it.each(reference.wilson)('$successes/$trials at $confidence', (c) => {
    const i = wilsonInterval({ successes: c.successes, trials: c.trials }, c.confidence);
    close(i.low, c.interval[0]);
    close(i.high, c.interval[1]);
  });
});

describe('two-proportion z-test with the Newcombe interval', () => {
  it.each(reference.proportions)('$a.successes/$a.trials vs $b.successes/$b.trials', (c) => {
    const r = compareProportions(c.a, c.b, c.confidence);
    close(r.difference, c.difference);
    close(r.z, c.z);
    close(r.pValue, c.pValue);
    close(r.interval.low, c.interval[0]);
    close(r.interval.high, c.interval[1]);
  });

  it("matches Newcombe's published example (1998, method 10: 56/70 vs 48/80 → 0.0524 to 0.3339)", () => {
    const r = compareProportions({ successes: 48, trials: 80 }, { successes: 56, trials: 70 });
    close(r.interval.low, 0.0524, 4);
    close(r.interval.high, 0.3339, 4);
  });

  it('refuses impossible counts and answers p = 1 without variance', () => {
    expect(() => compareProportions({ successes: 5, trials: 3 }, { successes: 0, trials: 1 })).toThrow(RangeError);
    expect(() => wilsonInterval({ successes: 1.5, trials: 3 })).toThrow(RangeError);
    expect(compareProportions({ successes: 0, trials: 10 }, { successes: 0, trials: 10 }).pValue).toBe(1);
    expect(compareProportions({ successes: 0, trials: 0 }, { successes: 3, trials: 10 }).pValue).toBe(1);
  });
});

describe('Holm adjustment', () => {
  it.each(reference.holm)('$pValues', (c) => {
    holmAdjust(c.pValues).forEach((p, i) => close(p, c.adjusted[i], 12));
  });
});

describe("Welch's t-test on revenue per recipient", () => {
  it.each(reference.welch)('n = $a.n / $b.n at $confidence', (c) => {
    const r = welchTTest(c.a, c.b, c.confidence);
    close(r.difference, c.difference, 8);
    close(r.t, c.t, 8);
    close(r.df, c.df, 6);
    close(r.pValue, c.pValue, 8);
    close(r.interval.low, c.interval[0], 6);
    close(r.interval.high, c.interval[1], 6);
  });

  it('answers p = 1 when neither group varies', () => {
    const zero = { n: 10, sum: 0, sumOfSquares: 0 };
    expect(welchTTest(zero, zero)).toMatchObject({ pValue: 1, difference: 0 });
  });
});

describe('probability to be best', () => {
  it.each(reference.probabilityBest)('$variants', (c) => {
    const p = probabilityToBeBest(c.variants, { draws: 200_000 });
    // Monte Carlo with 200,000 draws: standard error ≤ 0.0012, so 0.005 is > 4 standard errors.
    p.forEach((v, i) => expect(Math.abs(v - c.probabilities[i])).toBeLessThan(0.005));
    close(
      p.reduce((a, b) => a + b, 0),
      1,
      12,
    );
  });

  it('is reproducible for a seed and changes with it', () => {
    const v = [
      { successes: 10, trials: 100 },
      { successes: 12, trials: 100 },
    ];
    expect(probabilityToBeBest(v)).toEqual(probabilityToBeBest(v));
    expect(probabilityToBeBest(v, { seed: 1 })).not.toEqual(probabilityToBeBest(v, { seed: 2 }));
  });
});

describe('sample size per variant', () => {
  it.each(reference.sampleSize)('$baselineRate +$minimumDetectableLift', (c) => {
    expect(sampleSizePerVariant(c)).toBe(c.perVariant);
  });

  it('refuses rates and lifts outside their range', () => {
    expect(() => sampleSizePerVariant({ baselineRate: 0, minimumDetectableLift: 0.1 })).toThrow(RangeError);
    expect(() => sampleSizePerVariant({ baselineRate: 0.6, minimumDetectableLift: 1 })).toThrow(RangeError);
    expect(() => sampleSizePerVariant({ baselineRate: 0.1, minimumDetectableLift: -0.1 })).toThrow(RangeError);
  });
});

describe('analyseExperiment', () => {
  const rate = (key: string, successes: number, trials: number) => ({ key, successes, trials });

  it('declares the leader winner only when it beats every other variant after Holm', () => {
    const clear = analyseExperiment('rate', [rate('A', 20, 400), rate('B', 80, 400), rate('C', 22, 400)]);
    expect(clear).toMatchObject({ leader: 'B', winner: 'B' });
    expect(clear.pValue).toBeLessThan(0.05);
    expect(clear.variants[1].probabilityBest).toBeGreaterThan(0.99);
    expect(clear.variants[0].vsControl).toBeUndefined();
    const vsControl = clear.variants[1].vsControl;
    expect(vsControl?.adjustedPValue).toBeGreaterThanOrEqual(vsControl?.pValue ?? 2);

    // B and C both beat A, but not each other: no winner.
    const tie = analyseExperiment('rate', [rate('A', 20, 400), rate('B', 80, 400), rate('C', 78, 400)]);
    expect(tie).toMatchObject({ leader: 'B', winner: null });
  });

  it('crowns no winner among equal variants, whichever leads by noise', () => {
    const r = analyseExperiment('rate', [rate('A', 30, 300), rate('B', 33, 300), rate('C', 29, 300)]);
    expect(r.leader).toBe('B');
    expect(r.winner).toBeNull();
    expect(r.pValue).toBeGreaterThan(0.05);
  });

  it('uses Welch on revenue and has no probability-to-be-best there', () => {
    const c = reference.welch[0];
    const r = analyseExperiment('mean', [
      { key: 'A', trials: c.a.n, moments: c.a },
      { key: 'B', trials: c.b.n, moments: c.b },
    ]);
    close(r.variants[1].vsControl?.pValue ?? NaN, c.pValue, 8);
    expect(r.variants[1].probabilityBest).toBeUndefined();
    expect(r.winner).toBe(c.pValue < 0.05 && c.difference > 0 ? 'B' : null);
  });

  it('has no winner with a single variant', () => {
    expect(analyseExperiment('rate', [rate('A', 5, 10)])).toMatchObject({ leader: 'A', winner: null, pValue: 1 });
  });
});
