/** Redis keys (under the app's key prefix). Queue names and job payloads are in @mini-crm/api/core (queue-names). */
export const heartbeatKey = (campaignId: string) => `delivery:hb:${campaignId}`;
export const failureWindowKey = (campaignId: string) => `delivery:window:${campaignId}`;
export const RECONCILE_LOCK_KEY = 'delivery:reconcile-lock';
export const launchJobId = (campaignId: string) => `launch-${campaignId}`;
