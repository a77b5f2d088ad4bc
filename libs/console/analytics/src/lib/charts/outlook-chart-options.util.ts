import {
  RFM_SEGMENT_LABELS,
  type ChurnDistributionDto,
  type ClvBySegmentDto,
  type RfmGridDto,
} from '@mini-crm/contracts';
import { formatCount, formatMoney } from '@mini-crm/console/ui/util';

const AXIS_LABEL = { color: '#44474e', fontSize: 11 };
const AXIS_NAME = { color: '#44474e', fontSize: 12 };
const SPLIT_LINE = { lineStyle: { color: '#e1e2e8' } };
const TOOLTIP_BOX = { borderColor: '#c4c6d0', textStyle: { fontSize: 12 } };
const SCORES = ['1', '2', '3', '4', '5'];

/**
 * Recency (rows, 5 = bought most recently at the top) × frequency (columns, 5 = most often): customers
 * per cell as colour and label; the tooltip adds their lifetime spend.
 */
export function rfmGridOptions(grid: RfmGridDto): Record<string, unknown> {
  const max = Math.max(1, ...grid.cells.map((c) => c.customers));
  const revenue = new Map(grid.cells.map((c) => [`${c.frequency - 1}:${c.recency - 1}`, c.revenue]));
  return {
    animationDuration: 400,
    grid: { left: 64, right: 16, top: 12, bottom: 64 },
    tooltip: {
      ...TOOLTIP_BOX,
      formatter: (p: { value: [number, number, number] }) => {
        const [f, r, n] = p.value;
        return `Recency ${r + 1} · frequency ${f + 1}<br/>${formatCount(n)} customers<br/>${formatMoney(
          revenue.get(`${f}:${r}`) ?? 0,
          grid.currency,
        )} spent`;
      },
    },
    xAxis: {
      type: 'category',
      data: SCORES,
      name: 'Frequency score (5 = most orders)',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: AXIS_NAME,
      axisLabel: AXIS_LABEL,
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: SCORES,
      name: 'Recency score (5 = latest)',
      nameLocation: 'middle',
      nameGap: 40,
      nameTextStyle: AXIS_NAME,
      axisLabel: AXIS_LABEL,
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      itemWidth: 10,
      textStyle: AXIS_LABEL,
      inRange: { color: ['#eef3fb', '#0061a4'] },
    },
    series: [
      {
        name: 'Customers',
        type: 'heatmap',
        data: grid.cells.map((c) => [c.frequency - 1, c.recency - 1, c.customers]),
        label: { show: true, fontSize: 11, formatter: (p: { value: number[] }) => formatCount(p.value[2]) },
        itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0,0,0,0.2)' } },
      },
    ],
  };
}

/** "0–10%", "90–100%". */
export function churnBucketLabel(from: number, to: number): string {
  return `${Math.round(from * 100)}–${Math.round(to * 100)}%`;
}

/** Customers per tenth of churn risk; low risk green, high risk red. */
export function churnHistogramOptions(dist: ChurnDistributionDto): Record<string, unknown> {
  const colour = (from: number) => (from >= 0.7 ? '#ba1a1a' : from >= 0.4 ? '#e07b00' : '#00897b');
  return {
    animationDuration: 400,
    grid: { left: 48, right: 12, top: 16, bottom: 48 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, ...TOOLTIP_BOX },
    xAxis: {
      type: 'category',
      data: dist.buckets.map((b) => churnBucketLabel(b.from, b.to)),
      name: 'Churn risk',
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: AXIS_NAME,
      axisLabel: { ...AXIS_LABEL, interval: 0, fontSize: 10 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    series: [
      {
        name: 'Customers',
        type: 'bar',
        barMaxWidth: 36,
        data: dist.buckets.map((b) => ({
          value: b.customers,
          itemStyle: { color: colour(b.from), borderRadius: [4, 4, 0, 0] },
        })),
      },
    ],
  };
}

/** Predicted 12-month value per RFM segment (segments with customers), largest at the top. */
export function clvSegmentsOptions(clv: ClvBySegmentDto): Record<string, unknown> {
  const rows = clv.segments.filter((s) => s.customers > 0).sort((a, b) => a.totalClv - b.totalClv);
  const money = (v: number | null) => (v === null ? '—' : formatMoney(v, clv.currency));
  return {
    animationDuration: 400,
    grid: { left: 120, right: 24, top: 12, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      ...TOOLTIP_BOX,
      formatter: (ps: { dataIndex: number }[]) => {
        const s = rows[ps[0]?.dataIndex ?? 0];
        if (!s) return '';
        return `${RFM_SEGMENT_LABELS[s.segment]}<br/>${formatCount(s.customers)} customers<br/>Total ${money(
          s.totalClv,
        )} · average ${money(s.averageClv)}<br/>Average churn risk ${Math.round(s.averageChurnRisk * 100)}%`;
      },
    },
    xAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, hideOverlap: true }, splitLine: SPLIT_LINE },
    yAxis: { type: 'category', data: rows.map((s) => RFM_SEGMENT_LABELS[s.segment]), axisLabel: AXIS_LABEL },
    series: [
      {
        name: 'Predicted 12-month value',
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: '#7b4fc9', borderRadius: [0, 4, 4, 0] },
        data: rows.map((s) => s.totalClv),
      },
    ],
  };
}
