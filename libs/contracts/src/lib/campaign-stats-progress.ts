import type { CampaignStatsDto, CampaignStatus } from './dto/campaigns.dto';

/** Statuses a campaign never leaves. */
export const CAMPAIGN_ENDED_STATUSES: readonly CampaignStatus[] = ['completed', 'cancelled', 'failed'];

export function isCampaignEnded(status: CampaignStatus): boolean {
  return CAMPAIGN_ENDED_STATUSES.includes(status);
}

/**
 * The counters that still move after a campaign has ended: delivery receipts, opens and clicks
 * arrive after the last send.
 */
function progressKey(s: CampaignStatsDto): string {
  return [s.status, s.queued, s.sent, s.failed, s.delivered, s.opened, s.clicked].join(',');
}

/** Messages the vendor accepted that have no delivery receipt yet (a failed receipt moves a message to `failed`). */
function awaitingReceipts(s: CampaignStatsDto): number {
  return Math.max(0, s.sent - s.delivered);
}

/**
 * When a live view of one campaign's stats may stop, fed one reading per tick: once the campaign
 * has ended, every sent message has its receipt (or `receiptWaitTicks` ticks have passed since the
 * end: a vendor may never send some) and the counters have held still for `stillTicks` ticks.
 * Used by the API's SSE stream and by the console's polling fallback, so both stop alike.
 */
export function campaignStatsSettler(stillTicks: number, receiptWaitTicks: number): (s: CampaignStatsDto) => boolean {
  let lastKey: string | null = null;
  let ended = 0;
  let still = 0;
  return (s) => {
    const key = progressKey(s);
    ended = isCampaignEnded(s.status) ? ended + 1 : 0;
    still = ended > 0 && key === lastKey && (awaitingReceipts(s) === 0 || ended > receiptWaitTicks) ? still + 1 : 0;
    lastKey = key;
    return still >= stillTicks;
  };
}
