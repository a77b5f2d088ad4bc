/** Redis keys of delivery (under the app's key prefix); queue names and job payloads are in api/core's queue-names.ts. */
export const heartbeatKey = (campaignId: string) => `delivery:hb:${campaignId}`;
export const failureWindowKey = (campaignId: string) => `delivery:window:${campaignId}`;
export const RECONCILE_LOCK_KEY = 'delivery:reconcile-lock';
export const launchJobId = (campaignId: string) => `launch-${campaignId}`;
/** An inbound SMS id already handled (hashed: ids are the vendor's, up to 300 characters). */
export const inboundSeenKey = (idHash: string) => `delivery:inbound:${idHash}`;
/** A message handed to a provider without idempotency keys (SMTP, Twilio): no second job sends it meanwhile. */
export const sendClaimKey = (messageId: string) => `delivery:claim:${messageId}`;
/** Soft bounces of one email address (hashed) within the counting period. */
export const softBounceKey = (addressHash: string) => `delivery:soft-bounce:${addressHash}`;
