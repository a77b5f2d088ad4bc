import type { CampaignStatsDto, ExperimentMetric, ExperimentStatsDto } from '@mini-crm/contracts';

export const METRIC_NAMES: Record<ExperimentMetric, string> = {
  click_rate: 'click rate',
  conversion_rate: 'conversion rate',
  revenue_per_recipient: 'revenue per recipient',
  open_rate: 'open rate',
};

const pValueText = (p: number | null | undefined) =>
  p === null || p === undefined ? '' : p < 0.001 ? ' (p < 0.001)' : ` (p = ${p.toFixed(3)})`;

/** The winner banner in words: who won, why, or what it waits for. */
export function winnerHeadline(x: ExperimentStatsDto): { tone: 'win' | 'info' | 'wait'; text: string } {
  const metric = METRIC_NAMES[x.metric];
  const conf = `${Math.round(x.confidence * 1000) / 10} %`;
  if (x.phase === 'winner_sent' && x.winner) {
    switch (x.reason) {
      case 'significant':
        return {
          tone: 'win',
          text: `Variant ${x.winner} won on ${metric}, significant at ${conf}${pValueText(x.pValue)}; the rest of the audience got ${x.winner}.`,
        };
      case 'fallback_best':
        return {
          tone: 'info',
          text: `No variant was significantly better on ${metric}${pValueText(x.pValue)}; the leader, ${x.winner}, was sent to the rest (fallback).`,
        };
      case 'fallback_first':
        return {
          tone: 'info',
          text: `No variant was significantly better on ${metric}${pValueText(x.pValue)}; variant ${x.winner} was sent to the rest (fallback: first variant).`,
        };
      default:
        return { tone: 'info', text: `Variant ${x.winner} was picked by hand and sent to the rest.` };
    }
  }
  if (x.phase === 'manual')
    return {
      tone: 'wait',
      text: `No variant was significantly better on ${metric}${pValueText(x.pValue)}. Pick the one the rest of the audience gets.`,
    };
  if (x.phase === 'waiting') return { tone: 'wait', text: `Test sent. Deciding on ${metric} at ${conf} confidence` };
  return { tone: 'wait', text: `Testing on ${metric}: sending the test share` };
}

/** Whether a person may still send a winner now (test running or waiting for a person). */
export function canPickWinner(s: Pick<CampaignStatsDto, 'status' | 'experiment'>): boolean {
  const phase = s.experiment?.phase;
  return (
    (s.status === 'running' || s.status === 'paused') && (phase === 'test' || phase === 'waiting' || phase === 'manual')
  );
}

/** Interval bars share one scale: 0 to the largest upper bound (at least the largest rate). */
export function barScale(variants: ReadonlyArray<{ rate: number; interval: { high: number } }>): number {
  const max = Math.max(0, ...variants.map((v) => Math.max(v.rate, v.interval.high)));
  return max > 0 ? max : 1;
}
