import type { AnalyticsTotalsDto } from '@mini-crm/contracts';
import { kpiCards } from './kpi-cards.util';

const totals = (over: Partial<AnalyticsTotalsDto>): AnalyticsTotalsDto => ({
  sent: 0,
  delivered: 0,
  failed: 0,
  deliveryRate: null,
  opened: 0,
  clicked: 0,
  machineOpens: 0,
  machineClicks: 0,
  openRate: null,
  clickRate: null,
  conversions: 0,
  conversionRate: null,
  revenue: 0,
  unsubscribes: 0,
  cost: null,
  roi: null,
  ...over,
});

describe('kpiCards', () => {
  const cards = kpiCards(
    totals({ sent: 200, deliveryRate: 0.9, clickRate: 0.1, conversions: 4, revenue: 12500, unsubscribes: 3 }),
    totals({ sent: 100, deliveryRate: 0.95, clickRate: null, conversions: 4, revenue: 0, unsubscribes: 1 }),
  );
  const card = (key: string) => cards.find((c) => c.key === key);

  it('shows the seven headline numbers in order', () => {
    expect(cards.map((c) => c.key)).toEqual([
      'sent',
      'deliveryRate',
      'openRate',
      'clickRate',
      'conversions',
      'revenue',
      'unsubscribes',
    ]);
    expect(card('sent')).toMatchObject({ raw: 200, text: '200' });
    expect(card('deliveryRate')).toMatchObject({ raw: 0.9, text: '90%' });
    expect(card('openRate')).toMatchObject({ raw: null, text: '—', change: null });
    expect(card('revenue')?.text).toBe('₹12,500.00');
  });

  it('compares counts in percent and rates in points, and judges unsubscribes the other way', () => {
    expect(card('sent')?.change).toEqual({ direction: 'up', text: '▲ +100%', good: true });
    expect(card('deliveryRate')?.change).toEqual({ direction: 'down', text: '▼ \u22125 pts', good: false });
    expect(card('clickRate')?.change).toBeNull();
    expect(card('conversions')?.change).toEqual({ direction: 'flat', text: '— 0%', good: null });
    expect(card('revenue')?.change?.text).toBe('▲ New');
    expect(card('unsubscribes')?.change).toEqual({ direction: 'up', text: '▲ +200%', good: false });
  });

  it('formats revenue in the given currency', () => {
    expect(kpiCards(totals({ revenue: 10 }), totals({}), 'USD').find((c) => c.key === 'revenue')?.text).toBe('$10.00');
  });
});
