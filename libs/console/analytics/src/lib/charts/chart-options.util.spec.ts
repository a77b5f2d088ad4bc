import type { AnalyticsTotalsDto, TimelinePointDto } from '@mini-crm/contracts';
import { rateBarsOptions, timelineOptions, toPercent } from './chart-options.util';

const point = (at: string, n: number): TimelinePointDto => ({
  at,
  sent: n,
  delivered: n - 1,
  failed: 1,
  opened: 2,
  clicked: 1,
  converted: 0,
  revenue: 0,
});

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

describe('timelineOptions', () => {
  it('draws one line per measure with [time, value] points', () => {
    const options = timelineOptions(
      [point('2024-05-01T10:00:00.000Z', 5), point('2024-05-01T11:00:00.000Z', 9)],
      'hour',
      ['sent', 'clicked'],
    );
    const series = options['series'] as Array<{ name: string; data: unknown[] }>;
    expect(series.map((s) => s.name)).toEqual(['Sent', 'Clicked']);
    expect(series[0].data).toEqual([
      ['2024-05-01T10:00:00.000Z', 5],
      ['2024-05-01T11:00:00.000Z', 9],
    ]);
    expect(series[1].data).toEqual([
      ['2024-05-01T10:00:00.000Z', 1],
      ['2024-05-01T11:00:00.000Z', 1],
    ]);
  });
});

describe('rateBarsOptions', () => {
  it('puts each group as a series of percentages, leaving rates without a base empty', () => {
    const options = rateBarsOptions(
      [
        { name: 'SMS', color: '#000', totals: totals({ deliveryRate: 0.9, clickRate: 0.1234 }) },
        { name: 'Email', color: '#111', totals: totals({ deliveryRate: 0.5, openRate: 0.25 }) },
      ],
      ['deliveryRate', 'openRate', 'clickRate'],
    );
    const series = options['series'] as Array<{ name: string; data: unknown[] }>;
    expect(series).toHaveLength(2);
    expect(series[0]).toMatchObject({ name: 'SMS', data: [90, null, 12.3] });
    expect(series[1]).toMatchObject({ name: 'Email', data: [50, 25, null] });
    expect((options['xAxis'] as { data: string[] }).data).toEqual(['Delivery', 'Open', 'Click']);
  });

  it('rounds rates to one decimal percent', () => {
    expect(toPercent(0.12345)).toBe(12.3);
    expect(toPercent(null)).toBeNull();
  });
});
