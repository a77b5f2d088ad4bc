import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { holmAdjust } from './holm';
import { assertConfidence } from './normal';
import { probabilityToBeBest, type ProbabilityBestOptions } from './probability-best';
import { compareProportions, rateOf, wilsonInterval, type Interval, type Proportion } from './proportions';
import { meanOf, varianceOf, welchTTest, type SampleMoments } from './welch';

/** One variant's data: a rate metric reads `successes`, a mean metric (revenue) reads `moments`. */
export interface VariantSample {
  key: string;
  trials: number;
  successes?: number;
  moments?: Omit<SampleMoments, 'n'>;
}

export type MetricKind = 'rate' | 'mean';

export interface PairwiseResult {
  difference: number;
  interval: Interval;
  pValue: number;
  /** Holm-adjusted within its family */
  adjustedPValue: number;
}

export interface VariantResult {
  key: string;
  value: number;
  interval: Interval;
  /** against the first variant (the control); absent on the control itself */
  vsControl?: PairwiseResult;
  /** Beta-Binomial probability to be best; rate metrics only */
  probabilityBest?: number;
}

export interface ExperimentAnalysis {
  variants: VariantResult[];
  /** highest value (first on a tie) */
  leader: string;
  /** the leader, when it beats every other variant with Holm-adjusted p < 1 − confidence; else null */
  winner: string | null;
  /** the largest Holm-adjusted p-value of the leader against the others (1 with one variant) */
  pValue: number;
  confidence: number;
}

/**
 * Analyses a test: each variant against the control (Holm-corrected, for reporting) and the leader
 * against every other variant (Holm-corrected, for the decision). A winner needs all of the
 * leader's comparisons significant, so a test with two good variants and one bad declares none.
 */
export function analyseExperiment(
  kind: MetricKind,
  samples: readonly VariantSample[],
  confidence = 0.95,
  options: ProbabilityBestOptions = {},
): ExperimentAnalysis {
  assertConfidence(confidence);
  if (samples.length === 0) throw new RangeError('at least one variant is needed');
  const values = samples.map((s) => valueOf(kind, s));
  const compare = (a: VariantSample, b: VariantSample) =>
    kind === 'rate'
      ? compareProportions(proportionOf(a), proportionOf(b), confidence)
      : welchTTest(momentsOf(a), momentsOf(b), confidence);

  const control = samples[0];
  const raw = samples.slice(1).map((s) => compare(control, s));
  const adjusted = holmAdjust(raw.map((r) => r.pValue));
  const probabilities = kind === 'rate' ? probabilityToBeBest(samples.map(proportionOf), options) : undefined;

  const variants: VariantResult[] = samples.map((s, i) => ({
    key: s.key,
    value: values[i],
    interval: kind === 'rate' ? wilsonInterval(proportionOf(s), confidence) : meanInterval(momentsOf(s), confidence),
    ...(i > 0
      ? {
          vsControl: {
            difference: raw[i - 1].difference,
            interval: raw[i - 1].interval,
            pValue: raw[i - 1].pValue,
            adjustedPValue: adjusted[i - 1],
          },
        }
      : {}),
    ...(probabilities ? { probabilityBest: probabilities[i] } : {}),
  }));

  let leaderIndex = 0;
  values.forEach((v, i) => {
    if (v > values[leaderIndex]) leaderIndex = i;
  });
  const leader = samples[leaderIndex];
  const others = samples.filter((_, i) => i !== leaderIndex);
  const leaderTests = others.map((o) => compare(o, leader));
  const leaderAdjusted = holmAdjust(leaderTests.map((t) => t.pValue));
  const pValue = leaderAdjusted.length ? Math.max(...leaderAdjusted) : 1;
  const alpha = 1 - confidence;
  const beatsAll = leaderTests.every((t, i) => t.difference > 0 && leaderAdjusted[i] < alpha);
  const winner = others.length > 0 && beatsAll ? leader.key : null;
  return { variants, leader: leader.key, winner, pValue, confidence };
}

function valueOf(kind: MetricKind, s: VariantSample): number {
  return kind === 'rate' ? rateOf(proportionOf(s)) : meanOf(momentsOf(s));
}

function proportionOf(s: VariantSample): Proportion {
  return { successes: s.successes ?? 0, trials: s.trials };
}

function momentsOf(s: VariantSample): SampleMoments {
  return { n: s.trials, sum: s.moments?.sum ?? 0, sumOfSquares: s.moments?.sumOfSquares ?? 0 };
}

function meanInterval(s: SampleMoments, confidence: number): Interval {
  const mean = meanOf(s);
  if (s.n < 2) return { low: mean, high: mean };
  const half = tQuantile(1 - (1 - confidence) / 2, s.n - 1) * Math.sqrt(varianceOf(s) / s.n);
  return { low: mean - half, high: mean + half };
}
