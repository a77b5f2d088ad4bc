import type { AnalyticsTotalsDto } from '@mini-crm/contracts';
import {
  type PeriodChange,
  countChange,
  formatCount,
  formatMoney,
  formatPercent,
  rateChange,
} from '@mini-crm/console/ui/util';

export interface KpiCard {
  key: 'sent' | 'deliveryRate' | 'openRate' | 'clickRate' | 'conversions' | 'revenue' | 'unsubscribes';
  label: string;
  icon: string;
  hint: string;
  /** The raw number (a 0–1 rate, a count, an amount), for tests and tooltips. */
  raw: number | null;
  text: string;
  /** Against the previous period of equal length. */
  change: PeriodChange | null;
}

/** The seven headline numbers of a period, each with its change against the previous one. */
export function kpiCards(current: AnalyticsTotalsDto, previous: AnalyticsTotalsDto, currency = 'INR'): KpiCard[] {
  return [
    {
      key: 'sent',
      label: 'Sent',
      icon: 'send',
      hint: 'Messages accepted by the vendor',
      raw: current.sent,
      text: formatCount(current.sent),
      change: countChange(current.sent, previous.sent),
    },
    {
      key: 'deliveryRate',
      label: 'Delivery rate',
      icon: 'mark_email_read',
      hint: 'Delivered of sent and failed',
      raw: current.deliveryRate,
      text: formatPercent(current.deliveryRate),
      change: rateChange(current.deliveryRate, previous.deliveryRate),
    },
    {
      key: 'openRate',
      label: 'Open rate',
      icon: 'drafts',
      hint: 'People who opened (email, human opens) of delivered',
      raw: current.openRate,
      text: formatPercent(current.openRate),
      change: rateChange(current.openRate, previous.openRate),
    },
    {
      key: 'clickRate',
      label: 'Click rate',
      icon: 'ads_click',
      hint: 'People who clicked a link (human clicks) of delivered',
      raw: current.clickRate,
      text: formatPercent(current.clickRate),
      change: rateChange(current.clickRate, previous.clickRate),
    },
    {
      key: 'conversions',
      label: 'Conversions',
      icon: 'shopping_cart_checkout',
      hint: 'Orders attributed to a campaign',
      raw: current.conversions,
      text: formatCount(current.conversions),
      change: countChange(current.conversions, previous.conversions),
    },
    {
      key: 'revenue',
      label: 'Revenue',
      icon: 'payments',
      hint: 'Value of the attributed orders',
      raw: current.revenue,
      text: formatMoney(current.revenue, currency),
      change: countChange(current.revenue, previous.revenue),
    },
    {
      key: 'unsubscribes',
      label: 'Unsubscribes',
      icon: 'unsubscribe',
      hint: 'People who unsubscribed through a campaign (fewer is better)',
      raw: current.unsubscribes,
      text: formatCount(current.unsubscribes),
      change: countChange(current.unsubscribes, previous.unsubscribes, false),
    },
  ];
}
