import gammaln from '@stdlib/math-base-special-gammaln';
import digamma from '@stdlib/math-base-special-digamma';
import type { GammaGammaParams, SpendData } from './gamma-gamma';

const { log } = Math;

/**
 * Spend data with what does not depend on the parameters summed once: the gamma terms then cost one
 * call per distinct repeat count and each customer one log and one division per evaluation.
 */
export interface PreparedSpendData {
  x: Float64Array;
  mean: Float64Array;
  /** Distinct repeat counts and how many customers have each. */
  xs: Float64Array;
  counts: Float64Array;
  /** Σ x·ln m, Σ ln m, Σ x·ln x. */
  sumXLogMean: number;
  sumLogMean: number;
  sumXLogX: number;
}

export function prepareSpendData(data: SpendData): PreparedSpendData {
  const counts = new Map<number, number>();
  let sumXLogMean = 0;
  let sumLogMean = 0;
  let sumXLogX = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const lm = log(data.mean[i]);
    counts.set(x, (counts.get(x) ?? 0) + 1);
    sumXLogMean += x * lm;
    sumLogMean += lm;
    sumXLogX += x * log(x);
  }
  return {
    x: data.x,
    mean: data.mean,
    xs: Float64Array.from(counts.keys()),
    counts: Float64Array.from(counts.values()),
    sumXLogMean,
    sumLogMean,
    sumXLogX,
  };
}

/** Total Gamma-Gamma log-likelihood and its gradient in (p, q, γ). */
export function gammaGammaLogLikelihoodWithGradient(
  params: GammaGammaParams,
  d: PreparedSpendData,
): { value: number; gradient: [number, number, number] } {
  const { p, q, gamma } = params;
  const n = d.x.length;
  let value = n * (q * log(gamma) - gammaln(q)) + p * (d.sumXLogMean + d.sumXLogX) - d.sumLogMean;
  let gP = d.sumXLogMean + d.sumXLogX;
  let gQ = n * (log(gamma) - digamma(q));
  let gGamma = (n * q) / gamma;
  for (let k = 0; k < d.xs.length; k++) {
    const px = p * d.xs[k];
    const c = d.counts[k];
    const psiSum = digamma(px + q);
    value += c * (gammaln(px + q) - gammaln(px));
    gP += c * d.xs[k] * (psiSum - digamma(px));
    gQ += c * psiSum;
  }
  for (let i = 0; i < n; i++) {
    const x = d.x[i];
    const s = gamma + d.mean[i] * x;
    const ls = log(s);
    value -= (p * x + q) * ls;
    gP -= x * ls;
    gQ -= ls;
    gGamma -= (p * x + q) / s;
  }
  return { value, gradient: [gP, gQ, gGamma] };
}
