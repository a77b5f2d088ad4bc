import type { AnalyticsTotalsDto, TimelineBucket, TimelinePointDto } from '@mini-crm/contracts';

export type TimelineSeriesKey = 'sent' | 'delivered' | 'failed' | 'opened' | 'clicked' | 'converted';

/** Colours per measure, the same on every chart (Material azure theme). */
export const SERIES_COLORS: Record<TimelineSeriesKey, string> = {
  sent: '#8e9aaf',
  delivered: '#0061a4',
  failed: '#ba1a1a',
  opened: '#00897b',
  clicked: '#7b4fc9',
  converted: '#e07b00',
};

export const SERIES_LABELS: Record<TimelineSeriesKey, string> = {
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  opened: 'Opened',
  clicked: 'Clicked',
  converted: 'Converted',
};

const AXIS_LABEL = { color: '#44474e', fontSize: 11 };
const SPLIT_LINE = { lineStyle: { color: '#e1e2e8' } };
const TOOLTIP_BOX = { borderColor: '#c4c6d0', textStyle: { fontSize: 12 } };

function timeLabel(bucket: TimelineBucket): string {
  return bucket === 'day' ? '{d} {MMM}' : '{HH}:{mm}';
}

/** Lines of counts per bucket (sent → converted), one colour per measure. Plain data: an ECharts option. */
export function timelineOptions(
  points: readonly TimelinePointDto[],
  bucket: TimelineBucket,
  keys: readonly TimelineSeriesKey[],
): Record<string, unknown> {
  return {
    animationDuration: 400,
    color: keys.map((k) => SERIES_COLORS[k]),
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    legend: { top: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: AXIS_LABEL },
    tooltip: { trigger: 'axis', ...TOOLTIP_BOX },
    xAxis: {
      type: 'time',
      axisLabel: { ...AXIS_LABEL, formatter: timeLabel(bucket), hideOverlap: true },
      axisLine: { lineStyle: { color: '#c4c6d0' } },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    series: keys.map((k) => ({
      name: SERIES_LABELS[k],
      type: 'line',
      symbol: points.length > 40 ? 'none' : 'circle',
      symbolSize: 5,
      lineStyle: { width: 2 },
      areaStyle: k === 'delivered' ? { opacity: 0.08 } : undefined,
      data: points.map((p) => [p.at, p[k]]),
    })),
  };
}

export type RateKey = 'deliveryRate' | 'openRate' | 'clickRate' | 'conversionRate';

export const RATE_LABELS: Record<RateKey, string> = {
  deliveryRate: 'Delivery',
  openRate: 'Open',
  clickRate: 'Click',
  conversionRate: 'Conversion',
};

export interface RateGroup {
  name: string;
  color: string;
  totals: AnalyticsTotalsDto;
}

/** Grouped bars: one group per rate, one bar per group (channel, or AI vs hand-written); percentages. */
export function rateBarsOptions(groups: readonly RateGroup[], rates: readonly RateKey[]): Record<string, unknown> {
  return {
    animationDuration: 400,
    color: groups.map((g) => g.color),
    grid: { left: 44, right: 12, top: 40, bottom: 28 },
    legend: { top: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: AXIS_LABEL },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: percentText, ...TOOLTIP_BOX },
    xAxis: { type: 'category', data: rates.map((r) => RATE_LABELS[r]), axisLabel: AXIS_LABEL },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { ...AXIS_LABEL, formatter: '{value}%' },
      splitLine: SPLIT_LINE,
    },
    series: groups.map((g) => ({
      name: g.name,
      type: 'bar',
      barMaxWidth: 28,
      itemStyle: { borderRadius: [4, 4, 0, 0] },
      data: rates.map((r) => toPercent(g.totals[r])),
    })),
  };
}

/** 0–1 rate → percentage with one decimal, or null (no bar) without a base. */
export function toPercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

function percentText(value: unknown): string {
  return typeof value === 'number' ? `${value}%` : '—';
}
