import betaRandom from '@stdlib/random-base-beta';
import exponentialRandom from '@stdlib/random-base-exponential';
import gammaRandom from '@stdlib/random-base-gamma';
import type { BgNbdParams } from './bg-nbd';
import type { RepeatData } from './repeat-data';

export interface SimulationOptions {
  customers: number;
  /** Ages are uniform in (maxAge/4, maxAge], or all equal to maxAge with `fixedAge`. */
  maxAge: number;
  seed: number;
  fixedAge?: boolean;
}

/**
 * Customers drawn from the BG/NBD story (seeded, so tests and benchmarks are repeatable): each has a
 * purchase rate λ ~ Gamma(r, rate α) and a dropout probability p ~ Beta(a, b); purchases arrive as a
 * Poisson process and after each repeat purchase the customer leaves with probability p.
 */
export function simulateBgNbd(params: BgNbdParams, options: SimulationOptions): RepeatData {
  const gamma = gammaRandom.factory(params.r, params.alpha, { seed: options.seed });
  const beta = betaRandom.factory(params.a, params.b, { seed: options.seed + 1 });
  const uniform = betaRandom.factory(1, 1, { seed: options.seed + 2 });
  const exponential = exponentialRandom.factory({ seed: options.seed + 3 });
  const n = options.customers;
  const data: RepeatData = {
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    weight: new Float64Array(n).fill(1),
  };
  for (let i = 0; i < n; i++) {
    const lambda = gamma();
    const dropout = beta();
    const age = options.fixedAge ? options.maxAge : options.maxAge * (0.25 + 0.75 * uniform());
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += exponential(lambda);
      if (t > age) break;
      x++;
      tx = t;
      if (uniform() < dropout) break;
    }
    data.x[i] = x;
    data.tx[i] = tx;
    data.T[i] = age;
  }
  return data;
}
