import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { ModelFitError } from './model-fit-error';
import { minimizeInLogSpace } from './minimize';
import { bgNbdLogLikelihoodWithGradient, indexRepeatData } from './bg-nbd-gradient';
import { compressRepeatData, invalidRepeatRow, type RepeatData } from './repeat-data';

// Module-level aliases: a global lookup per call (`Math.log`) is slow inside vm contexts such as jest's.
const { log, exp } = Math;

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rates ~ Gamma(r, α), dropout ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Total log-likelihood at the estimate (natural log, over every customer fitted). */
  logLikelihood: number;
  customers: number;
  iterations: number;
}

export interface BgNbdFitOptions {
  /** Fewer customers than this is refused (default 20). */
  minCustomers?: number;
  maxIterations?: number;
}

/** log(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = u > v ? u : v;
  return m + log(exp(u - m) + exp(v - m));
}

/** One customer's log-likelihood, FHL (2005) eq. 6, in log space. */
export function bgNbdRowLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = gammaln(r + x) - gammaln(r) + r * log(alpha);
  const a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
  const a3 = -(r + x) * log(alpha + T);
  const a4 = x > 0 ? log(a) - log(b + x - 1) - (r + x) * log(alpha + tx) : -Infinity;
  return a1 + a2 + logAddExp(a3, a4);
}

/**
 * Total log-likelihood. The gamma-function terms depend on x alone, so they are evaluated once per
 * distinct repeat count (a few hundred at most), leaving logs and one exp per customer.
 */
export function bgNbdLogLikelihood(p: BgNbdParams, data: RepeatData): number {
  const { r, alpha, a, b } = p;
  const byX = new Map<number, number>();
  const base = -gammaln(r) + r * log(alpha) + gammaln(a + b) - gammaln(b);
  const logA = log(a);
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    let head = byX.get(x);
    if (head === undefined) {
      head = base + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
      byX.set(x, head);
    }
    const a3 = -(r + x) * log(alpha + data.T[i]);
    const a4 = x > 0 ? logA - log(b + x - 1) - (r + x) * log(alpha + data.tx[i]) : -Infinity;
    total += data.weight[i] * (head + logAddExp(a3, a4));
  }
  return total;
}

const LOG_BOUND = 14; // parameters kept within e^±14 ≈ 8e-7 … 1.2e6

/**
 * Maximum-likelihood fit. Throws ModelFitError with the reason when the data cannot identify the
 * model (too few customers, no repeat purchases, an estimate on the search box, no convergence).
 */
export function fitBgNbd(input: RepeatData, options: BgNbdFitOptions = {}): BgNbdFit {
  const invalid = invalidRepeatRow(input);
  if (invalid) throw new ModelFitError('bg-nbd', invalid);
  const data = compressRepeatData(input);
  let customers = 0;
  let repeaters = 0;
  let repeatTotal = 0;
  let ageTotal = 0;
  for (let i = 0; i < data.x.length; i++) {
    customers += data.weight[i];
    if (data.x[i] > 0) repeaters += data.weight[i];
    repeatTotal += data.weight[i] * data.x[i];
    ageTotal += data.weight[i] * data.T[i];
  }
  const minCustomers = options.minCustomers ?? 20;
  if (customers < minCustomers) {
    throw new ModelFitError('bg-nbd', `${customers} customers with orders; at least ${minCustomers} are needed`);
  }
  if (repeaters === 0) {
    throw new ModelFitError(
      'bg-nbd',
      'no customer has ordered on a second day, so repeat behaviour cannot be estimated',
    );
  }
  if (repeaters === customers && data.x.length === 1) {
    throw new ModelFitError('bg-nbd', 'every customer has the same history; the model is not identified');
  }
  if (!(ageTotal > 0)) throw new ModelFitError('bg-nbd', 'every customer is brand new (age 0)');

  // Start where a Poisson fit would be: r = 1 and α = 1 / mean rate; a = 1, b = 1.
  const alpha0 = Math.max(1e-3, ageTotal / Math.max(repeatTotal, 1));
  const indexed = indexRepeatData(data);
  let last: { at: number[]; value: number; gradient: number[] } | null = null;
  const evaluate = (v: number[]) => {
    if (!last || last.at.some((u, i) => u !== v[i])) {
      const { value, gradient } = bgNbdLogLikelihoodWithGradient({ r: v[0], alpha: v[1], a: v[2], b: v[3] }, indexed);
      last = { at: v.slice(), value: -value / customers, gradient: gradient.map((g) => -g / customers) };
    }
    return last;
  };
  const result = minimizeInLogSpace((v) => evaluate(v).value, [0, log(alpha0), 0, 0], {
    logLower: -LOG_BOUND,
    logUpper: LOG_BOUND,
    maxIterations: options.maxIterations ?? 2000,
    gradient: (v) => evaluate(v).gradient,
  });
  const names = ['r', 'alpha', 'a', 'b'];
  if (result.atBound.length > 0) {
    const which = result.atBound.map((i) => names[i]).join(', ');
    throw new ModelFitError(
      'bg-nbd',
      `estimate of ${which} ran to the edge of the search range; the data do not identify the model`,
    );
  }
  if (!result.converged || !Number.isFinite(result.value)) {
    throw new ModelFitError('bg-nbd', `the optimiser did not converge in ${result.iterations} iterations`);
  }
  const [r, alpha, a, b] = result.logParams.map((v) => exp(v));
  return {
    params: { r, alpha, a, b },
    logLikelihood: -result.value * customers,
    customers,
    iterations: result.iterations,
  };
}

/** P(alive | x, tx, T): 1 for customers with no repeat purchase (the model's assumption). */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  const logRatio = log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + tx));
  return 1 / (1 + exp(logRatio));
}

/** E[X(t)]: expected purchases in (0, t] of a customer just acquired (FHL 2005 eq. 9). */
export function expectedPurchasesNew(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + t);
  const head = exp(r * (log(alpha) - log(alpha + t)));
  return ((a + b - 1) / (a - 1)) * (1 - head * hyp2f1(r, b, a + b - 1, z));
}

/** E[Y(t) | x, tx, T]: expected purchases in the next t time units (FHL 2005 eq. 10). */
export function conditionalExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return conditionalFromNumerator(p, conditionalNumerator(p, t, x, T), x, tx, T);
}

/** Eq. 10's numerator: depends on (x, T, t) only, not on tx. */
function conditionalNumerator(p: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const head = exp((r + x) * (log(alpha + T) - log(alpha + T + t)));
  return ((a + b + x - 1) / (a - 1)) * (1 - head * hyp2f1(r + x, b + x, a + b + x - 1, z));
}

function conditionalFromNumerator(p: BgNbdParams, numerator: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const denominator = x > 0 ? 1 + exp(log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + tx))) : 1;
  const value = numerator / denominator;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * `conditionalExpectedPurchases` for many customers at once: the hypergeometric part depends on
 * (x, T, t) only, so with whole-day ages customers share it — a few thousand hyp2f1 evaluations per
 * horizon instead of one per customer.
 */
export class BgNbdForecaster {
  private readonly numerators = new Map<number, Map<number, number>>();

  constructor(readonly params: BgNbdParams) {}

  expected(t: number, x: number, tx: number, T: number): number {
    if (t <= 0) return 0;
    if (!Number.isInteger(T) || T >= 2 ** 22 || x >= 2 ** 30)
      return conditionalExpectedPurchases(this.params, t, x, tx, T);
    let byKey = this.numerators.get(t);
    if (!byKey) this.numerators.set(t, (byKey = new Map()));
    const key = x * 2 ** 22 + T;
    let numerator = byKey.get(key);
    if (numerator === undefined) byKey.set(key, (numerator = conditionalNumerator(this.params, t, x, T)));
    return conditionalFromNumerator(this.params, numerator, x, tx, T);
  }
}

/** Converts parameters fitted in one time unit to another: only α carries time (α_days = 7 α_weeks). */
export function rescaleBgNbd(p: BgNbdParams, unitsPerOldUnit: number): BgNbdParams {
  return { ...p, alpha: p.alpha * unitsPerOldUnit };
}
