import type { SegmentPerformanceDto } from '@mini-crm/contracts';
import type { CsvColumn, SortValue } from '@mini-crm/console/ui/util';

export const SEGMENT_SORT: Readonly<Record<string, (s: SegmentPerformanceDto) => SortValue>> = {
  name: (s) => s.name,
  campaigns: (s) => s.campaigns,
  recipients: (s) => s.recipients,
  size: (s) => s.sizes.at(-1)?.size,
  deliveryRate: (s) => s.deliveryRate,
  openRate: (s) => s.openRate,
  clickRate: (s) => s.clickRate,
  conversionRate: (s) => s.conversionRate,
  revenue: (s) => s.revenue,
  revenuePerRecipient: (s) => s.revenuePerRecipient,
};

export const SEGMENT_CSV: readonly CsvColumn<SegmentPerformanceDto>[] = [
  { header: 'Segment', value: (s) => s.name },
  { header: 'Campaigns', value: (s) => s.campaigns },
  { header: 'Recipients', value: (s) => s.recipients },
  { header: 'Latest size', value: (s) => s.sizes.at(-1)?.size },
  { header: 'Delivery rate', value: (s) => s.deliveryRate },
  { header: 'Open rate', value: (s) => s.openRate },
  { header: 'Click rate', value: (s) => s.clickRate },
  { header: 'Conversion rate', value: (s) => s.conversionRate },
  { header: 'Revenue', value: (s) => s.revenue },
  { header: 'Revenue per recipient', value: (s) => s.revenuePerRecipient },
  { header: 'Segment id', value: (s) => s.segmentId },
];
