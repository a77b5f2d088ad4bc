import type { CampaignStatus, MessageStatus } from '@mini-crm/contracts';

// Runtime copies of a few contract constants: importing values from @mini-crm/contracts pulls its
// class-validator/class-transformer DTOs into the bundle, which breaks in the browser
// (Reflect.getMetadata missing). Types still come from the contracts, so drift fails the build.

export const CAMPAIGN_STATUS_VALUES = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
] as const satisfies readonly CampaignStatus[];

export const MESSAGE_STATUS_VALUES = [
  'queued',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'failed',
] as const satisfies readonly MessageStatus[];

/** `attributes.<key>` tokens, as the segment field registry defines them. */
export const ATTRIBUTE_PREFIX = 'attributes.';
export const ATTRIBUTE_KEY_RE = /^[A-Za-z0-9_][A-Za-z0-9_ -]{0,63}$/;
