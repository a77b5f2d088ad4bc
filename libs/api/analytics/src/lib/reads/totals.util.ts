import type { AnalyticsTotalsDto, CampaignChannel, TimelinePointDto } from '@mini-crm/contracts';
import type { AnalyticsConfig } from '../analytics.config';
import type { Counters } from './analytics-counters';

const rate = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const money = (n: number) => Math.round(n * 100) / 100;

/** Cost of the messages sent on each channel; null when no channel involved has a configured cost. */
export function costOf(
  parts: readonly { channel: CampaignChannel; counters: Counters }[],
  config: AnalyticsConfig,
): number | null {
  let cost: number | null = null;
  for (const p of parts) {
    const per = config.costPerMessage[p.channel];
    if (per === null) continue;
    cost = (cost ?? 0) + p.counters.sent * per;
  }
  return cost === null ? null : money(cost);
}

/**
 * Counters → totals with rates: delivery rate on attempts (delivered / (sent + failed)), open,
 * click and conversion rates on delivered; ROI = (revenue − cost) / cost.
 */
export function toTotals(c: Counters, cost: number | null): AnalyticsTotalsDto {
  return {
    sent: c.sent,
    delivered: c.delivered,
    failed: c.failed,
    deliveryRate: rate(c.delivered, c.sent + c.failed),
    opened: c.opened,
    clicked: c.clicked,
    machineOpens: c.machineOpens,
    machineClicks: c.machineClicks,
    openRate: rate(c.opened, c.delivered),
    clickRate: rate(c.clicked, c.delivered),
    conversions: c.conversions,
    conversionRate: rate(c.conversions, c.delivered),
    revenue: money(c.revenue),
    unsubscribes: c.unsubscribes,
    cost,
    roi: cost !== null && cost > 0 ? (c.revenue - cost) / cost : null,
  };
}

export function toPoint(at: Date, c: Counters): TimelinePointDto {
  return {
    at: at.toISOString(),
    sent: c.sent,
    delivered: c.delivered,
    failed: c.failed,
    opened: c.opened,
    clicked: c.clicked,
    converted: c.conversions,
    revenue: money(c.revenue),
  };
}
