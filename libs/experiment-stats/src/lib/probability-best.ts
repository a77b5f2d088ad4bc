import betaRandom from '@stdlib/random-base-beta';
import type { Proportion } from './proportions';

export interface ProbabilityBestOptions {
  /** Monte Carlo draws per variant (default 10,000) */
  draws?: number;
  /** PRNG seed: the same counts always give the same answer (default 20261203) */
  seed?: number;
}

/**
 * Probability that each variant has the highest true rate, under independent Beta(1 + successes,
 * 1 + failures) posteriors (uniform prior), estimated by Monte Carlo with a seeded Mersenne Twister.
 * Returns one probability per variant in input order; they sum to 1.
 */
export function probabilityToBeBest(variants: readonly Proportion[], options: ProbabilityBestOptions = {}): number[] {
  const draws = options.draws ?? 10_000;
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError('draws must be a whole number ≥ 1');
  if (variants.length === 0) return [];
  if (variants.length === 1) return [1];
  const sample = betaRandom.factory({ seed: options.seed ?? 20261203 });
  const wins = new Array<number>(variants.length).fill(0);
  const params = variants.map((v) => [1 + v.successes, 1 + v.trials - v.successes] as const);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -1;
    for (let i = 0; i < params.length; i++) {
      const value = sample(params[i][0], params[i][1]);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    wins[best]++;
  }
  return wins.map((w) => w / draws);
}
