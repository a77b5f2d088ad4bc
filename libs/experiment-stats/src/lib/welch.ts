import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { assertConfidence } from './normal';
import type { Interval } from './proportions';

/** A sample summarised: size, sum and sum of squares (what SQL can aggregate in one pass). */
export interface SampleMoments {
  n: number;
  sum: number;
  sumOfSquares: number;
}

export interface MeanComparison {
  /** mean(b) − mean(a) */
  difference: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom */
  df: number;
  /** two-sided p-value */
  pValue: number;
  /** Welch interval for mean(b) − mean(a) */
  interval: Interval;
}

export function meanOf(s: SampleMoments): number {
  return s.n > 0 ? s.sum / s.n : 0;
}

/** Unbiased sample variance from moments (0 for fewer than two values; never negative from rounding). */
export function varianceOf(s: SampleMoments): number {
  if (s.n < 2) return 0;
  const mean = s.sum / s.n;
  return Math.max(0, (s.sumOfSquares - s.n * mean * mean) / (s.n - 1));
}

/**
 * Welch's unequal-variance t-test of b against a (revenue per recipient: most values are 0, a few
 * are large, and the groups' variances differ, which is the case Welch handles and Student does not).
 * With no variance in either group the test is undefined: p = 1 and the interval is the point.
 */
export function welchTTest(a: SampleMoments, b: SampleMoments, confidence = 0.95): MeanComparison {
  assertConfidence(confidence);
  const difference = meanOf(b) - meanOf(a);
  const va = a.n > 0 ? varianceOf(a) / a.n : 0;
  const vb = b.n > 0 ? varianceOf(b) / b.n : 0;
  const se2 = va + vb;
  if (!(se2 > 0) || a.n < 2 || b.n < 2) {
    return { difference, t: 0, df: 0, pValue: 1, interval: { low: difference, high: difference } };
  }
  const se = Math.sqrt(se2);
  const t = difference / se;
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const pValue = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  const q = tQuantile(1 - (1 - confidence) / 2, df);
  return { difference, t, df, pValue, interval: { low: difference - q * se, high: difference + q * se } };
}
