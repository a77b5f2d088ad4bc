// numeric ships no types; the reference makes every app that bundles this file see the declaration.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./numeric.d.ts" />
import numeric from 'numeric';

const GRADIENT_STEP = 1e-6;

export interface MinimizeOptions {
  /** Box on every log-parameter; an optimum on the box means the data do not identify the model. */
  logLower: number;
  logUpper: number;
  maxIterations: number;
  /** ∇f in the natural parameters; central differences of the objective when omitted. */
  gradient?: (params: number[]) => number[];
}

export interface MinimizeResult {
  logParams: number[];
  value: number;
  iterations: number;
  converged: boolean;
  atBound: number[];
}

/**
 * Minimises `f` over log-parameters with numeric.js's BFGS (`uncmin`; the caller's analytic gradient,
 * else central differences). Outside the box the objective is +Infinity-like (a steep quadratic wall
 * keeps the line search finite).
 */
export function minimizeInLogSpace(
  f: (params: number[]) => number,
  start: number[],
  options: MinimizeOptions,
): MinimizeResult {
  const { logLower, logUpper } = options;
  const objective = (logParams: number[]): number => {
    let excess = 0;
    for (const v of logParams) {
      if (v < logLower) excess += logLower - v;
      else if (v > logUpper) excess += v - logUpper;
    }
    const clamped = logParams.map((v) => Math.min(logUpper, Math.max(logLower, v)));
    const value = f(clamped.map(Math.exp));
    if (!Number.isFinite(value)) return 1e10 * (1 + excess);
    return value + 1e4 * excess * excess;
  };
  const analytic = options.gradient;
  // Chain rule into log space (∂f/∂log θ = θ ∂f/∂θ); a clamped coordinate has only the wall's slope.
  const analyticGradient = (logParams: number[]): number[] => {
    let excess = 0;
    for (const v of logParams) excess += v < logLower ? logLower - v : v > logUpper ? v - logUpper : 0;
    const params = logParams.map((v) => Math.exp(Math.min(logUpper, Math.max(logLower, v))));
    const g = analytic ? analytic(params) : [];
    return logParams.map((v, i) => {
      if (v < logLower) return -2e4 * excess;
      if (v > logUpper) return 2e4 * excess;
      return Number.isFinite(g[i]) ? params[i] * g[i] : 0;
    });
  };
  // Central differences: numeric.gradient's adaptive step search costs dozens of evaluations each.
  const numericGradient = (v: number[]): number[] =>
    v.map((_, i) => {
      const up = v.slice();
      const down = v.slice();
      up[i] += GRADIENT_STEP;
      down[i] -= GRADIENT_STEP;
      return (objective(up) - objective(down)) / (2 * GRADIENT_STEP);
    });
  const gradient = analytic ? analyticGradient : numericGradient;
  const result = numeric.uncmin(objective, start, 1e-8, gradient, options.maxIterations);
  const logParams = result.solution.map((v) => Math.min(logUpper, Math.max(logLower, v)));
  const atBound = logParams.flatMap((v, i) => (v - logLower < 1e-3 || logUpper - v < 1e-3 ? [i] : []));
  return {
    logParams,
    value: f(logParams.map(Math.exp)),
    iterations: result.iterations,
    converged: result.iterations < options.maxIterations && Number.isFinite(result.f),
    atBound,
  };
}
