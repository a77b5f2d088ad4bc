import type { CampaignChannel } from '@mini-crm/contracts';

/** A CSV import to run (imports). */
export interface ImportJobData {
  importId: string;
}

/** A send job covers the messages of one campaign whose seq is in fromSeq..toSeq (delivery). */
export interface SendJobData {
  campaignId: string;
  fromSeq: number;
  toSeq: number;
}

/** The delayed job of a scheduled campaign (delivery). */
export interface LaunchJobData {
  campaignId: string;
  /** The schedule this job was made for (ms); a rescheduled campaign ignores older jobs. */
  at: number;
}

/** The delayed decision of a campaign experiment's test phase (campaigns). */
export interface ExperimentJobData {
  campaignId: string;
}

/** One delivery attempt of one outgoing webhook message (webhooks); `retry` indexes the retry schedule. */
export interface WebhookDeliveryJobData {
  messageId: string;
  retry: number;
  /** A redelivery an admin asked for: one attempt, not retried automatically. */
  manual?: boolean;
}

/** A customer-insights model run (insights): why it was asked for. */
export interface InsightsJobData {
  reason: 'manual' | 'nightly' | 'orders';
}

/** Every BullMQ queue of the app, by name, with the payload of its jobs. A new queue starts here. */
export interface QueuePayloads {
  imports: ImportJobData;
  'campaign-launch': LaunchJobData;
  'delivery-sms': SendJobData;
  'delivery-email': SendJobData;
  'webhook-delivery': WebhookDeliveryJobData;
  'campaign-experiment': ExperimentJobData;
  insights: InsightsJobData;
}

export type QueueName = keyof QueuePayloads;

export const IMPORT_QUEUE = 'imports' satisfies QueueName;
export const LAUNCH_QUEUE = 'campaign-launch' satisfies QueueName;
export const EXPERIMENT_QUEUE = 'campaign-experiment' satisfies QueueName;
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery' satisfies QueueName;
export const INSIGHTS_QUEUE = 'insights' satisfies QueueName;
/** One send queue per channel, so each has its own concurrency and rate limit. */
export const SEND_QUEUE = { sms: 'delivery-sms', email: 'delivery-email' } as const satisfies Record<
  CampaignChannel,
  QueueName
>;

/** Every queue (metrics read their job counts). */
export const QUEUE_NAMES: readonly QueueName[] = [
  IMPORT_QUEUE,
  LAUNCH_QUEUE,
  SEND_QUEUE.sms,
  SEND_QUEUE.email,
  WEBHOOK_DELIVERY_QUEUE,
] satisfies readonly QueueName[];
