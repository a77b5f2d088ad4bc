import type { EngagementFilter } from '@mini-crm/contracts';

/** Chip labels of the recipients filter. */
export const ENGAGEMENT_LABELS: Record<EngagementFilter, string> = {
  received: 'Received',
  delivered: 'Delivered',
  opened: 'Opened',
  clicked: 'Clicked',
  converted: 'Converted',
  not_opened: 'Not opened',
  not_clicked: 'Not clicked',
  failed: 'Failed',
};

/** What an empty recipients list means under a filter. */
export function engagementNone(filter: EngagementFilter | null): string {
  if (!filter) return 'Recipients appear here once the campaign launches.';
  if (filter === 'not_opened' || filter === 'not_clicked')
    return `Every recipient has ${filter === 'not_opened' ? 'opened' : 'clicked'}.`;
  return `No recipient has ${ENGAGEMENT_LABELS[filter].toLowerCase()} yet.`;
}
