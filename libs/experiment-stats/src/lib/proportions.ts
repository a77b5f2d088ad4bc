import { twoSidedNormalP, zForConfidence } from './normal';

/** A rate's raw counts: `successes` out of `trials`. */
export interface Proportion {
  successes: number;
  trials: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface ProportionComparison {
  /** rate(b) − rate(a) */
  difference: number;
  /** pooled two-proportion z statistic (0 when it is undefined: no variance) */
  z: number;
  /** two-sided p-value of the pooled z-test */
  pValue: number;
  /** Newcombe's hybrid score interval (method 10) for rate(b) − rate(a) */
  interval: Interval;
}

export function rateOf(p: Proportion): number {
  return p.trials > 0 ? p.successes / p.trials : 0;
}

/** Wilson score interval for one proportion; [0, 1] when there are no trials. */
export function wilsonInterval(p: Proportion, confidence = 0.95): Interval {
  assertProportion(p);
  const z = zForConfidence(confidence);
  const n = p.trials;
  if (n === 0) return { low: 0, high: 1 };
  const rate = p.successes / n;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Pooled two-proportion z-test of b against a, with Newcombe's hybrid score interval for the
 * difference (built from the two Wilson intervals; unlike the Wald interval it stays inside
 * [−1, 1] and keeps its coverage for small counts and rates near 0).
 */
export function compareProportions(a: Proportion, b: Proportion, confidence = 0.95): ProportionComparison {
  assertProportion(a);
  assertProportion(b);
  const p1 = rateOf(a);
  const p2 = rateOf(b);
  const difference = p2 - p1;
  const pooled = a.trials + b.trials > 0 ? (a.successes + b.successes) / (a.trials + b.trials) : 0;
  const se = a.trials > 0 && b.trials > 0 ? Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials)) : 0;
  const z = se > 0 ? difference / se : 0;
  const pValue = se > 0 ? twoSidedNormalP(z) : 1;
  const wa = wilsonInterval(a, confidence);
  const wb = wilsonInterval(b, confidence);
  const low = difference - Math.sqrt((p2 - wb.low) ** 2 + (wa.high - p1) ** 2);
  const high = difference + Math.sqrt((wb.high - p2) ** 2 + (p1 - wa.low) ** 2);
  return { difference, z, pValue, interval: { low, high } };
}

function assertProportion(p: Proportion): void {
  if (!Number.isInteger(p.trials) || p.trials < 0) throw new RangeError(`trials must be a whole number ≥ 0`);
  if (!Number.isInteger(p.successes) || p.successes < 0 || p.successes > p.trials) {
    throw new RangeError(`successes must be a whole number between 0 and trials`);
  }
}
