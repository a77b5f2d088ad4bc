import type { CampaignStatsDto } from './dto/campaigns.dto';

/**
 * The counters that still move after a campaign has ended: delivery receipts, opens and clicks
 * arrive after the last send. Live watchers keep going until this has held still for a while.
 */
export function campaignStatsProgressKey(s: CampaignStatsDto): string {
  return [s.status, s.queued, s.sent, s.failed, s.delivered, s.opened, s.clicked].join(',');
}

/** Messages the vendor accepted that have no delivery receipt yet (a failed receipt moves a message to `failed`). */
export function campaignAwaitingReceipts(s: CampaignStatsDto): number {
  return Math.max(0, s.sent - s.delivered);
}
