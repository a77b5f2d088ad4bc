import gammaln from '@stdlib/math-base-special-gammaln';
import { ModelFitError } from './model-fit-error';
import { gammaGammaLogLikelihoodWithGradient, prepareSpendData } from './gamma-gamma-gradient';
import { minimizeInLogSpace } from './minimize';

// Module-level aliases: a global lookup per call (`Math.log`) is slow inside vm contexts such as jest's.
const { log, exp } = Math;

/** Gamma-Gamma spend parameters (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
}

/** Customers with at least one repeat purchase: `x` repeat count, `mean` average repeat order value. */
export interface SpendData {
  x: Float64Array;
  mean: Float64Array;
}

export function gammaGammaRowLogLikelihood(params: GammaGammaParams, x: number, mean: number): number {
  const { p, q, gamma } = params;
  const px = p * x;
  return (
    gammaln(px + q) -
    gammaln(px) -
    gammaln(q) +
    q * log(gamma) +
    (px - 1) * log(mean) +
    px * log(x) -
    (px + q) * log(gamma + mean * x)
  );
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  let total = 0;
  for (let i = 0; i < data.x.length; i++) total += gammaGammaRowLogLikelihood(params, data.x[i], data.mean[i]);
  return total;
}

export function fitGammaGamma(data: SpendData, options: { minCustomers?: number } = {}): GammaGammaFit {
  const n = data.x.length;
  const minCustomers = options.minCustomers ?? 10;
  if (n < minCustomers) {
    throw new ModelFitError('gamma-gamma', `${n} customers with repeat orders; at least ${minCustomers} are needed`);
  }
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const m = data.mean[i];
    if (!Number.isInteger(x) || x < 1) throw new ModelFitError('gamma-gamma', `row ${i}: repeat count ${x} is not ≥ 1`);
    if (!(m > 0) || !Number.isFinite(m))
      throw new ModelFitError('gamma-gamma', `row ${i}: average order value ${m} is not positive`);
    sum += m;
    sumSq += m * m;
  }
  const mean = sum / n;
  if (sumSq / n - mean * mean <= 1e-12 * mean * mean) {
    throw new ModelFitError(
      'gamma-gamma',
      'every customer has the same average order value; spend variation cannot be estimated',
    );
  }
  // Start from p = 1, q = 3 and γ matching the observed mean (E[M] = pγ/(q−1)).
  const start = [0, log(3), log(Math.max(mean * 2, 1e-6))];
  const prepared = prepareSpendData(data);
  let last: { at: number[]; value: number; gradient: number[] } | null = null;
  const evaluate = (v: number[]) => {
    if (!last || last.at.some((u, i) => u !== v[i])) {
      const { value, gradient } = gammaGammaLogLikelihoodWithGradient({ p: v[0], q: v[1], gamma: v[2] }, prepared);
      last = { at: v.slice(), value: -value / n, gradient: gradient.map((g) => -g / n) };
    }
    return last;
  };
  const result = minimizeInLogSpace((v) => evaluate(v).value, start, {
    logLower: -14,
    logUpper: 14,
    maxIterations: 2000,
    gradient: (v) => evaluate(v).gradient,
  });
  const names = ['p', 'q', 'gamma'];
  if (result.atBound.length > 0) {
    const which = result.atBound.map((i) => names[i]).join(', ');
    throw new ModelFitError(
      'gamma-gamma',
      `estimate of ${which} ran to the edge of the search range; the data do not identify the model`,
    );
  }
  if (!result.converged || !Number.isFinite(result.value)) {
    throw new ModelFitError('gamma-gamma', `the optimiser did not converge in ${result.iterations} iterations`);
  }
  const [p, q, gamma] = result.logParams.map((v) => exp(v));
  if (q <= 1) {
    throw new ModelFitError(
      'gamma-gamma',
      `q = ${q.toFixed(3)} ≤ 1: the expected order value is unbounded for these data`,
    );
  }
  return { params: { p, q, gamma }, logLikelihood: -result.value * n, customers: n };
}

/** E[M | x, mean]: expected average order value; with no repeat orders, the population mean pγ/(q−1). */
export function expectedAverageOrderValue(params: GammaGammaParams, x: number, mean: number): number {
  const { p, q, gamma } = params;
  if (x <= 0) return (p * gamma) / (q - 1);
  return ((gamma + mean * x) * p) / (p * x + q - 1);
}
