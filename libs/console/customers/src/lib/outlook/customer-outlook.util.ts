import { RFM_SEGMENT_LABELS, RFM_SEGMENT_MEANINGS, type CustomerOutlookDto } from '@mini-crm/contracts';
import { formatMoney, formatPercent } from '@mini-crm/console/ui/util';

export type OutlookTone = 'good' | 'neutral' | 'warn' | 'bad';

/** One number of a customer's outlook, said in words for a marketer. */
export interface OutlookLine {
  key: 'active' | 'orders30' | 'orders90' | 'clv' | 'rfm';
  icon: string;
  /** The headline, e.g. "Likely still active (82%)". */
  text: string;
  /** One line on what it means or how it was worked out. */
  meaning: string;
  tone: OutlookTone;
}

/** "0.4", "2", "12.3": expected counts with one decimal at most. */
export function formatExpected(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** The chance of being active, in words: likely (≥ 70 %), drifting (≥ 40 %), probably lapsed. */
export function activityText(pAlive: number): { text: string; tone: OutlookTone } {
  const pct = formatPercent(pAlive, 0);
  if (pAlive >= 0.7) return { text: `Likely still active (${pct})`, tone: 'good' };
  if (pAlive >= 0.4) return { text: `May be drifting away (${pct} still active)`, tone: 'warn' };
  return { text: `Probably lapsed (${pct} still active)`, tone: 'bad' };
}

function ordersText(n: number, days: number): string {
  const value = formatExpected(n);
  return `Expected ${value} ${value === '1' ? 'order' : 'orders'} in the next ${days} days`;
}

/** Every number of the outlook, in words; `currency` of the money figures (the workspace's by default). */
export function outlookLines(o: CustomerOutlookDto, currency?: string | null): OutlookLine[] {
  const active = activityText(o.pAlive);
  const segment = RFM_SEGMENT_LABELS[o.rfmSegment] ?? o.rfmSegment;
  return [
    {
      key: 'active',
      icon: 'favorite',
      text: active.text,
      meaning: `Churn risk ${formatPercent(o.churnRisk, 0)}. Judged from how often they bought and how long ago they last did.`,
      tone: active.tone,
    },
    {
      key: 'orders30',
      icon: 'shopping_bag',
      text: ordersText(o.expectedOrders30d, 30),
      meaning: 'What customers who buy like this one order on average; below 1 means an order is not certain.',
      tone: 'neutral',
    },
    {
      key: 'orders90',
      icon: 'date_range',
      text: ordersText(o.expectedOrders90d, 90),
      meaning: 'The same over the next three months.',
      tone: 'neutral',
    },
    o.predictedClv === null
      ? {
          key: 'clv',
          icon: 'savings',
          text: 'No 12-month value predicted yet',
          meaning: 'Too few customers have repeat orders to model order values. It appears once more of them do.',
          tone: 'neutral',
        }
      : {
          key: 'clv',
          icon: 'savings',
          text: `Predicted 12-month value ${formatMoney(o.predictedClv, currency)}`,
          meaning:
            o.avgOrderValue === null
              ? 'Expected orders over the next year, discounted to today.'
              : `Expected orders over the next year × an expected ${formatMoney(o.avgOrderValue, currency)} per order, discounted to today.`,
          tone: 'neutral',
        },
    {
      key: 'rfm',
      icon: 'grid_view',
      text: `RFM ${o.rfmScore} · ${segment}`,
      meaning:
        `${RFM_SEGMENT_MEANINGS[o.rfmSegment] ?? ''} Recency ${o.recencyScore}, frequency ${o.frequencyScore}, spend ${o.monetaryScore} (1–5, 5 is best).`.trim(),
      tone: o.rfmSegment === 'champions' || o.rfmSegment === 'loyal' ? 'good' : 'neutral',
    },
  ];
}
