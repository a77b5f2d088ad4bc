import { sql, type SQL } from 'drizzle-orm';

/** Counters every analytics read answers, summed from the rollup or from raw rows. */
export interface Counters {
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
  clicked: number;
  machineOpens: number;
  machineClicks: number;
  conversions: number;
  revenue: number;
  unsubscribes: number;
}

export const ZERO_COUNTERS: Counters = {
  sent: 0,
  delivered: 0,
  failed: 0,
  opened: 0,
  clicked: 0,
  machineOpens: 0,
  machineClicks: 0,
  conversions: 0,
  revenue: 0,
  unsubscribes: 0,
};

/** Sums of `campaign_hourly_stats` (alias `s`) as the Counters columns (unique human opens/clicks). */
export const ROLLUP_SUMS: SQL = sql.raw(
  [
    'coalesce(sum(s.sent), 0)::bigint as sent',
    'coalesce(sum(s.delivered), 0)::bigint as delivered',
    'coalesce(sum(s.failed), 0)::bigint as failed',
    'coalesce(sum(s.unique_opens), 0)::bigint as opened',
    'coalesce(sum(s.unique_clicks), 0)::bigint as clicked',
    'coalesce(sum(s.machine_opens), 0)::bigint as machine_opens',
    'coalesce(sum(s.machine_clicks), 0)::bigint as machine_clicks',
    'coalesce(sum(s.conversions), 0)::bigint as conversions',
    'coalesce(sum(s.revenue), 0)::numeric as revenue',
    'coalesce(sum(s.unsubscribes), 0)::bigint as unsubscribes',
  ].join(', '),
);

export function countersOf(row: Record<string, unknown>): Counters {
  const n = (k: string) => Number(row[k] ?? 0);
  return {
    sent: n('sent'),
    delivered: n('delivered'),
    failed: n('failed'),
    opened: n('opened'),
    clicked: n('clicked'),
    machineOpens: n('machine_opens'),
    machineClicks: n('machine_clicks'),
    conversions: n('conversions'),
    revenue: Math.round(n('revenue') * 100) / 100,
    unsubscribes: n('unsubscribes'),
  };
}

export function addCounters(a: Counters, b: Counters): Counters {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof Counters)[]) out[k] = a[k] + b[k];
  out.revenue = Math.round(out.revenue * 100) / 100;
  return out;
}
