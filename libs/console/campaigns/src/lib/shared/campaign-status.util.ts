import { isCampaignEnded, type CampaignDto, type CampaignStatus } from '@mini-crm/contracts';

export const STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export const isTerminal = isCampaignEnded;

/** Statuses whose numbers still move (or may start moving) and are worth watching. */
export function isLive(status: CampaignStatus): boolean {
  return status === 'running' || status === 'scheduled' || status === 'paused';
}

export type CampaignAction = 'launch' | 'pause' | 'resume' | 'cancel' | 'delete';

/** What the server accepts from each status (anything else is a 409). */
const ALLOWED: Record<CampaignStatus, readonly CampaignAction[]> = {
  draft: ['launch', 'delete'],
  scheduled: ['cancel', 'delete'],
  running: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  completed: [],
  cancelled: [],
  failed: [],
};

export function canDo(status: CampaignStatus, action: CampaignAction): boolean {
  return ALLOWED[status].includes(action);
}

/** How long after its end receipts are still expected: the API's live stats wait as long (RECEIPT_WAIT_TICKS). */
export const RECEIPT_WAIT_MS = 120_000;

/**
 * Whether the campaign page follows the stats live: while the campaign can move, and for an ended
 * one while its receipts may still arrive. A small campaign often ends before its page has loaded,
 * with its delivery receipts still on the way; one read then would show them missing for good.
 * `now` is the browser's clock against the server's finishedAt: a skewed clock only watches a
 * settled campaign briefly (its stream ends once the counters hold still) or not at all.
 */
export function watchesStats(c: Pick<CampaignDto, 'status' | 'finishedAt'>, now = Date.now()): boolean {
  if (isLive(c.status)) return true;
  if (!isCampaignEnded(c.status) || !c.finishedAt) return false;
  return now - Date.parse(c.finishedAt) < RECEIPT_WAIT_MS;
}
