import {
  analyseExperiment,
  compareProportions,
  welchTTest,
  type ExperimentAnalysis,
  type VariantSample,
} from '@mini-crm/experiment-stats';
import type { ExperimentFallback, ExperimentMetric } from '@mini-crm/contracts';
import type { VariantCounts } from './experiments.repository';

/** A variant's sample for the metric: rates count recipients (assigned), revenue takes per-recipient moments. */
export function sampleOf(metric: ExperimentMetric, key: string, c: VariantCounts | undefined): VariantSample {
  const trials = c?.audience ?? 0;
  switch (metric) {
    case 'click_rate':
      return { key, trials, successes: c?.clicked ?? 0 };
    case 'open_rate':
      return { key, trials, successes: c?.opened ?? 0 };
    case 'conversion_rate':
      return { key, trials, successes: c?.converters ?? 0 };
    case 'revenue_per_recipient':
      return { key, trials, moments: { sum: c?.revenue ?? 0, sumOfSquares: c?.revenueSquares ?? 0 } };
  }
}

export function analyse(
  metric: ExperimentMetric,
  keys: readonly string[],
  counts: readonly VariantCounts[],
  confidence: number,
): ExperimentAnalysis {
  const byKey = new Map(counts.map((c) => [c.variant, c]));
  return analyseExperiment(
    metric === 'revenue_per_recipient' ? 'mean' : 'rate',
    keys.map((k) => sampleOf(metric, k, byKey.get(k))),
    confidence,
  );
}

export interface Decision {
  phase: 'winner_sent' | 'manual';
  winner: string | null;
  reason: 'significant' | 'fallback_best' | 'fallback_first' | 'manual';
}

/** The significant winner, else what the fallback says (manual: nobody yet, a person decides). */
export function decisionOf(
  analysis: ExperimentAnalysis,
  fallback: ExperimentFallback,
  keys: readonly string[],
): Decision {
  if (analysis.winner) return { phase: 'winner_sent', winner: analysis.winner, reason: 'significant' };
  if (fallback === 'best') return { phase: 'winner_sent', winner: analysis.leader, reason: 'fallback_best' };
  if (fallback === 'first') return { phase: 'winner_sent', winner: keys[0], reason: 'fallback_first' };
  return { phase: 'manual', winner: null, reason: 'manual' };
}

/** Recipients vs holdout: conversion rate (z-test, Newcombe) and revenue per person (Welch). */
export function holdoutLift(
  recipients: { size: number; converters: number; revenue: number; revenueSquares: number },
  holdout: { size: number; converters: number; revenue: number; revenueSquares: number },
  confidence: number,
) {
  const conversion = compareProportions(
    { successes: holdout.converters, trials: holdout.size },
    { successes: recipients.converters, trials: recipients.size },
    confidence,
  );
  const revenue = welchTTest(
    { n: holdout.size, sum: holdout.revenue, sumOfSquares: holdout.revenueSquares },
    { n: recipients.size, sum: recipients.revenue, sumOfSquares: recipients.revenueSquares },
    confidence,
  );
  const alpha = 1 - confidence;
  return {
    conversionRateDifference: conversion.difference,
    conversionInterval: conversion.interval,
    conversionPValue: conversion.pValue,
    revenuePerPersonDifference: revenue.difference,
    revenueInterval: revenue.interval,
    revenuePValue: revenue.pValue,
    significant: conversion.pValue < alpha || revenue.pValue < alpha,
  };
}
