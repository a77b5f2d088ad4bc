import type { CampaignPerformanceDto } from '@mini-crm/contracts';
import type { CsvColumn, SortValue } from '@mini-crm/console/ui/util';

/** Sortable columns of the top campaigns table. */
export const CAMPAIGN_SORT: Readonly<Record<string, (c: CampaignPerformanceDto) => SortValue>> = {
  name: (c) => c.name,
  channel: (c) => c.channel,
  source: (c) => c.messageSource,
  sent: (c) => c.totals.sent,
  deliveryRate: (c) => c.totals.deliveryRate,
  openRate: (c) => c.totals.openRate,
  clickRate: (c) => c.totals.clickRate,
  conversions: (c) => c.totals.conversions,
  revenue: (c) => c.totals.revenue,
  started: (c) => c.startedAt,
};

export const CAMPAIGN_CSV: readonly CsvColumn<CampaignPerformanceDto>[] = [
  { header: 'Campaign', value: (c) => c.name },
  { header: 'Channel', value: (c) => c.channel },
  { header: 'Message', value: (c) => (c.messageSource === 'ai' ? 'AI suggestion' : 'Hand-written') },
  { header: 'Segment', value: (c) => c.segmentName },
  { header: 'Started', value: (c) => c.startedAt },
  { header: 'Sent', value: (c) => c.totals.sent },
  { header: 'Delivered', value: (c) => c.totals.delivered },
  { header: 'Failed', value: (c) => c.totals.failed },
  { header: 'Delivery rate', value: (c) => c.totals.deliveryRate },
  { header: 'Opened', value: (c) => c.totals.opened },
  { header: 'Open rate', value: (c) => c.totals.openRate },
  { header: 'Clicked', value: (c) => c.totals.clicked },
  { header: 'Click rate', value: (c) => c.totals.clickRate },
  { header: 'Conversions', value: (c) => c.totals.conversions },
  { header: 'Revenue', value: (c) => c.totals.revenue },
  { header: 'Unsubscribes', value: (c) => c.totals.unsubscribes },
  { header: 'Campaign id', value: (c) => c.campaignId },
];
