import { isCampaignEnded, type CampaignStatsDto } from '@mini-crm/contracts';

/** A dropped stream is reopened (with a new ticket) this many times before polling takes over. */
export const MAX_RECONNECTS = 3;

export type StreamRecovery = 'reconnect' | 'poll';

/**
 * What the live view does when its stats stream ends, `last` being the latest stats it carried.
 * The server ends the stream once an ended campaign has settled, but EventSource reports that
 * exactly like a dropped connection, and receipts keep arriving after a campaign ends: an ended
 * campaign is therefore polled until its counters settle (a few requests after a normal end)
 * rather than trusted to be final. A running one reopens the stream a few times, then polls.
 */
export function recoveryAfterStreamEnd(last: CampaignStatsDto | null, reconnects: number): StreamRecovery {
  if (last && isCampaignEnded(last.status)) return 'poll';
  return reconnects < MAX_RECONNECTS ? 'reconnect' : 'poll';
}
