import { formatCount } from '@mini-crm/console/ui/util';
import type { CampaignChannel, CampaignStatsDto } from '@mini-crm/contracts';

type Counts = Pick<CampaignStatsDto, 'audience' | 'sent' | 'failed' | 'delivered' | 'opened' | 'clicked'>;

/** Share of the audience handled (sent or failed), 0–100. */
export function progressPercent(s: Pick<CampaignStatsDto, 'audience' | 'sent' | 'failed'>): number {
  if (!s.audience) return 0;
  return Math.min(100, Math.round(((s.sent + s.failed) / s.audience) * 1000) / 10);
}

export interface FunnelStep {
  key: 'audience' | 'sent' | 'delivered' | 'opened' | 'clicked';
  label: string;
  value: number;
  /** Bar width relative to the audience, 0–100. */
  width: number;
  /** Share of the previous step, 0–100 (null for the first). */
  ofPrevious: number | null;
}

/** Audience → sent → delivered → (opened, email only) → clicked. */
export function funnelSteps(s: Counts, channel: CampaignChannel): FunnelStep[] {
  const raw: Array<[FunnelStep['key'], string, number]> = [
    ['audience', 'Audience', s.audience],
    ['sent', 'Sent', s.sent],
    ['delivered', 'Delivered', s.delivered],
  ];
  if (channel === 'email') raw.push(['opened', 'Opened', s.opened]);
  raw.push(['clicked', 'Clicked', s.clicked]);
  return raw.map(([key, label, value], i) => {
    const prev = i > 0 ? raw[i - 1][2] : null;
    return {
      key,
      label,
      value,
      width: s.audience ? Math.min(100, (value / s.audience) * 100) : 0,
      ofPrevious: prev === null ? null : prev ? Math.round((value / prev) * 1000) / 10 : 0,
    };
  });
}

/** "12.5 msg/s", one decimal below 10. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '0 msg/s';
  return `${rate < 10 ? rate.toFixed(1) : formatCount(Math.round(rate))} msg/s`;
}

/** Delivery rate (delivered of sent and failed) and click rate (human clickers of delivered); null without a base. */
export function campaignRates(s: Pick<CampaignStatsDto, 'sent' | 'failed' | 'delivered' | 'clicked'>): {
  deliveryRate: number | null;
  clickRate: number | null;
} {
  const handled = s.sent + s.failed;
  return {
    deliveryRate: handled > 0 ? s.delivered / handled : null,
    clickRate: s.delivered > 0 ? s.clicked / s.delivered : null,
  };
}
