import {
  analyseExperiment,
  compareProportions,
  welchTTest,
  type ExperimentAnalysis,
  type VariantSample,
} from '@mini-crm/experiment-stats';
import type { ExperimentFallback, ExperimentMetric, HoldoutStatsDto, HoldoutVerdict } from '@mini-crm/contracts';
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

type PersonOutcomes = { size: number; converters: number; revenue: number; revenueSquares: number };

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const pValueText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/**
 * Recipients vs holdout, people who ordered in the same window: conversion rate (pooled z-test,
 * Newcombe interval) and revenue per person (Welch), each with its own plain verdict.
 */
export function holdoutLift(
  recipients: PersonOutcomes,
  holdout: PersonOutcomes,
  confidence: number,
): NonNullable<HoldoutStatsDto['lift']> {
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
  const verdict = (p: number) => (p < alpha ? 'significant' : 'not significant') as HoldoutVerdict;
  const conversionVerdict = verdict(conversion.pValue);
  const revenueVerdict = verdict(revenue.pValue);
  const recipientRate = recipients.size ? recipients.converters / recipients.size : 0;
  const holdoutRate = holdout.size ? holdout.converters / holdout.size : 0;
  const recipientRevenue = recipients.size ? recipients.revenue / recipients.size : 0;
  const holdoutRevenue = holdout.size ? holdout.revenue / holdout.size : 0;
  return {
    confidence,
    recipients: recipients.size,
    recipientConversionRate: recipientRate,
    holdoutConversionRate: holdoutRate,
    conversionRateDifference: conversion.difference,
    conversionInterval: conversion.interval,
    conversionPValue: conversion.pValue,
    conversionVerdict,
    recipientRevenuePerPerson: recipientRevenue,
    holdoutRevenuePerPerson: holdoutRevenue,
    revenuePerPersonDifference: revenue.difference,
    revenueInterval: revenue.interval,
    revenuePValue: revenue.pValue,
    revenueVerdict,
    significant: conversionVerdict === 'significant' || revenueVerdict === 'significant',
    summary:
      `Recipients converted ${pct(recipientRate)} vs ${pct(holdoutRate)} held out ` +
      `(${pValueText(conversion.pValue)}, ${conversionVerdict}); revenue per person ` +
      `${recipientRevenue.toFixed(2)} vs ${holdoutRevenue.toFixed(2)} (${pValueText(revenue.pValue)}, ${revenueVerdict}) ` +
      `at ${Math.round(confidence * 1000) / 10} % confidence.`,
  };
}
