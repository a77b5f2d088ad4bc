import type { CampaignChannel } from '@mini-crm/contracts';

/**
 * What campaigns need from delivery (queues), implemented by `@mini-crm/api/delivery` and provided
 * globally under CAMPAIGN_DISPATCHER. Campaigns never import delivery, so the libs stay acyclic.
 */
export interface CampaignDispatcher {
  /** True when the channel's provider has its settings (VENDOR_URL, SMTP_URL…); launching without them answers 503. */
  readyFor(channel: CampaignChannel): boolean;
  /** Enqueues send jobs covering message seq numbers fromSeq..toSeq (inclusive). */
  dispatch(campaignId: string, channel: CampaignChannel, fromSeq: number, toSeq: number): Promise<void>;
  /** A delayed job that launches the campaign at `at` (replaces any earlier schedule). */
  scheduleLaunch(campaignId: string, at: Date): Promise<void>;
  unscheduleLaunch(campaignId: string): Promise<void>;
  /** Forget recent send outcomes (on resume, so the failure threshold judges fresh attempts). */
  resetFailureWindow(campaignId: string): Promise<void>;
}

export const CAMPAIGN_DISPATCHER = Symbol('CAMPAIGN_DISPATCHER');
