import type { ChurnDistributionDto, ClvBySegmentDto, RfmGridDto } from '@mini-crm/contracts';
import {
  churnBucketLabel,
  churnHistogramOptions,
  clvSegmentsOptions,
  rfmGridOptions,
} from './outlook-chart-options.util';

type Series = { type: string; data: unknown[] }[];

describe('customer outlook charts', () => {
  it('draws the RFM grid as 25 heat-map cells, frequency across and recency up, scaled to the fullest cell', () => {
    const cells = [];
    for (let recency = 1; recency <= 5; recency++)
      for (let frequency = 1; frequency <= 5; frequency++)
        cells.push({ recency, frequency, customers: recency === 5 && frequency === 4 ? 40 : 2, revenue: 100 });
    const grid: RfmGridDto = { customers: 88, revenue: 2500, currency: 'INR', scoredAt: null, cells };
    const options = rfmGridOptions(grid);
    const [series] = options['series'] as Series;
    expect(series.type).toBe('heatmap');
    expect(series.data).toHaveLength(25);
    expect(series.data).toContainEqual([3, 4, 40]);
    expect((options['visualMap'] as { max: number }).max).toBe(40);
  });

  it('labels and colours the ten churn buckets, red from 70%', () => {
    const dist: ChurnDistributionDto = {
      customers: 10,
      scoredAt: null,
      buckets: Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, customers: 1 })),
    };
    const options = churnHistogramOptions(dist);
    expect((options['xAxis'] as { data: string[] }).data[0]).toBe('0–10%');
    expect(churnBucketLabel(0.9, 1)).toBe('90–100%');
    const [series] = options['series'] as { data: { itemStyle: { color: string } }[] }[];
    expect(series.data[7].itemStyle.color).toBe('#ba1a1a');
    expect(series.data[6].itemStyle.color).not.toBe('#ba1a1a');
  });

  it('shows predicted value for segments with customers only, largest last (top of the bar chart)', () => {
    const seg = (segment: 'champions' | 'lost' | 'new', customers: number, totalClv: number) => ({
      segment,
      customers,
      withClv: customers,
      totalClv,
      averageClv: customers ? totalClv / customers : null,
      averageChurnRisk: 0.2,
    });
    const clv: ClvBySegmentDto = {
      customers: 5,
      currency: 'INR',
      scoredAt: null,
      segments: [seg('champions', 3, 9000), seg('lost', 2, 100), seg('new', 0, 0)],
    };
    const options = clvSegmentsOptions(clv);
    expect((options['yAxis'] as { data: string[] }).data).toEqual(['Lost', 'Champions']);
    expect((options['series'] as Series)[0].data).toEqual([100, 9000]);
  });
});
