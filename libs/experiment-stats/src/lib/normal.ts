import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Standard normal CDF Φ(x). */
export function phi(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p). */
export function phiInverse(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedNormalP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? 1 : 0;
  return 2 * (1 - phi(Math.abs(z)));
}

/** z with P(|Z| ≤ z) = confidence. */
export function zForConfidence(confidence: number): number {
  assertConfidence(confidence);
  return phiInverse(1 - (1 - confidence) / 2);
}

export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
}
