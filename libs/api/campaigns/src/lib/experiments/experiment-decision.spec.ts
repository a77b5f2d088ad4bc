import { assignInMemory } from './experiment-assignment.sql';
import { analyse, decisionOf } from './experiment-analysis.util';
import type { ExperimentConfig } from './experiment-config.util';
import type { VariantCounts } from './experiments.repository';

const config = (holdout: number, testShare: number | null): ExperimentConfig => ({
  holdout,
  testShare,
  metric: 'click_rate',
  waitMinutes: 60,
  confidence: 0.95,
  fallback: 'best',
});

const counts = (variant: string, audience: number, clicked: number): VariantCounts => ({
  variant,
  audience,
  queued: 0,
  sent: audience,
  delivered: audience,
  opened: 0,
  clicked,
  conversions: 0,
  converters: 0,
  revenue: 0,
  revenueSquares: 0,
});

describe('assignment by bucket', () => {
  it('splits [0, 1) into holdout, test variants and the remainder', () => {
    const c = config(0.1, 0.3);
    expect(assignInMemory(0.05, c, ['A', 'B', 'C'])).toBe('holdout');
    expect(assignInMemory(0.1, c, ['A', 'B', 'C'])).toBe('A');
    expect(assignInMemory(0.25, c, ['A', 'B', 'C'])).toBe('B');
    expect(assignInMemory(0.3999, c, ['A', 'B', 'C'])).toBe('C');
    expect(assignInMemory(0.4, c, ['A', 'B', 'C'])).toBeNull();
    expect(assignInMemory(0.9999, config(0, null), ['A', 'B'])).toBe('B');
  });

  it('gives each group its share over a fine grid', () => {
    const c = config(0.1, 0.3);
    const tally = new Map<string | null, number>();
    for (let i = 0; i < 100_000; i++) {
      const g = assignInMemory(i / 100_000, c, ['A', 'B', 'C']);
      tally.set(g, (tally.get(g) ?? 0) + 1);
    }
    expect(tally.get('holdout')).toBe(10_000);
    expect(tally.get(null)).toBe(60_000);
    for (const k of ['A', 'B', 'C']) expect(Math.abs((tally.get(k) ?? 0) - 10_000)).toBeLessThanOrEqual(1);
  });
});

describe('decision', () => {
  const keys = ['A', 'B', 'C'];
  it('sends a significant winner whatever the fallback', () => {
    const a = analyse('click_rate', keys, [counts('A', 60, 3), counts('B', 60, 40), counts('C', 60, 4)], 0.95);
    expect(decisionOf(a, 'manual', keys)).toEqual({ phase: 'winner_sent', winner: 'B', reason: 'significant' });
  });

  it('applies the fallback when nothing is significant', () => {
    const a = analyse('click_rate', keys, [counts('A', 60, 3), counts('B', 60, 5), counts('C', 60, 4)], 0.95);
    expect(a.winner).toBeNull();
    expect(decisionOf(a, 'best', keys)).toEqual({ phase: 'winner_sent', winner: 'B', reason: 'fallback_best' });
    expect(decisionOf(a, 'first', keys)).toEqual({ phase: 'winner_sent', winner: 'A', reason: 'fallback_first' });
    expect(decisionOf(a, 'manual', keys)).toEqual({ phase: 'manual', winner: null, reason: 'manual' });
  });

  it('counts a variant with no messages as empty, not as missing', () => {
    const a = analyse('conversion_rate', keys, [counts('A', 60, 3)], 0.95);
    expect(a.variants.map((v) => v.value)).toEqual([0, 0, 0]);
    expect(a.winner).toBeNull();
  });
});
