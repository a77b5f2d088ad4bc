import type { ExperimentStatsDto } from '@mini-crm/contracts';
import { barScale, canPickWinner, winnerHeadline } from './experiment-results.util';

const x = (o: Partial<ExperimentStatsDto>): ExperimentStatsDto => ({
  phase: 'winner_sent',
  metric: 'click_rate',
  confidence: 0.95,
  probabilityBest: {},
  ...o,
});

describe('experiment results (campaign page)', () => {
  it('says who won and why', () => {
    expect(winnerHeadline(x({ winner: 'B', reason: 'significant', pValue: 0.0004 }))).toEqual({
      tone: 'win',
      text: 'Variant B won on click rate, significant at 95 % (p < 0.001); the rest of the audience got B.',
    });
    expect(winnerHeadline(x({ winner: 'A', reason: 'fallback_first', pValue: 0.41 })).text).toContain(
      'No variant was significantly better on click rate (p = 0.410)',
    );
    expect(winnerHeadline(x({ phase: 'manual', winner: null })).tone).toBe('wait');
  });

  it('offers "send winner now" only while the test runs or waits for a person', () => {
    expect(canPickWinner({ status: 'running', experiment: x({ phase: 'waiting' }) })).toBe(true);
    expect(canPickWinner({ status: 'running', experiment: x({ phase: 'winner_sent' }) })).toBe(false);
    expect(canPickWinner({ status: 'completed', experiment: x({ phase: 'manual' }) })).toBe(false);
    expect(canPickWinner({ status: 'running' })).toBe(false);
  });

  it('scales interval bars to the largest upper bound', () => {
    expect(
      barScale([
        { rate: 0.1, interval: { high: 0.2 } },
        { rate: 0.3, interval: { high: 0.25 } },
      ]),
    ).toBe(0.3);
    expect(barScale([])).toBe(1);
  });
});
