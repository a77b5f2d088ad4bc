import type { CampaignChannel } from '@mini-crm/contracts';

export const SEND_QUEUE: Record<CampaignChannel, string> = { sms: 'delivery-sms', email: 'delivery-email' };
export const LAUNCH_QUEUE = 'campaign-launch';

/** A send job covers the messages of one campaign whose seq is in fromSeq..toSeq. */
export interface SendJobData {
  campaignId: string;
  fromSeq: number;
  toSeq: number;
}

export interface LaunchJobData {
  campaignId: string;
  /** The schedule this job was made for (ms); a rescheduled campaign ignores older jobs. */
  at: number;
}

/** Redis keys (under the app's key prefix). */
export const heartbeatKey = (campaignId: string) => `delivery:hb:${campaignId}`;
export const failureWindowKey = (campaignId: string) => `delivery:window:${campaignId}`;
export const RECONCILE_LOCK_KEY = 'delivery:reconcile-lock';
export const launchJobId = (campaignId: string) => `launch-${campaignId}`;
