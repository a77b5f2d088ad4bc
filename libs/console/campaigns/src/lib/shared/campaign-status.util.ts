import { isCampaignEnded, type CampaignStatus } from '@mini-crm/contracts';

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
