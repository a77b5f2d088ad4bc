import { readInt, type AppConfig } from '@mini-crm/api/core';

export interface EventRetentionConfig {
  /** MESSAGE_EVENTS_RETENTION_MONTHS: months of messages whose events are kept, before the current one. */
  retentionMonths: number;
  /** Months after the current one that get their partition ahead of time. */
  monthsAhead: number;
}

export function loadEventRetentionConfig(config: Pick<AppConfig, 'env'>): EventRetentionConfig {
  return { retentionMonths: readInt(config.env, 'MESSAGE_EVENTS_RETENTION_MONTHS', 13, 1, 1200), monthsAhead: 3 };
}
