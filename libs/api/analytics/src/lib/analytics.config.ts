import { AppConfig, loadMessageCostConfig, readInt } from '@mini-crm/api/core';

export interface AnalyticsConfig {
  /** An order counts for the campaign that reached (or was clicked by) its customer within this many days before it. */
  attributionWindowDays: number;
  /** Cost of one sent message per channel; null when not configured (no cost or ROI then). */
  costPerMessage: { sms: number | null; email: number | null };
  /** Currency of costs and revenue figures. */
  currency: string;
  /** How long analytics answers stay cached in Redis (0 disables); writes of conversions and unsubscribes invalidate at once. */
  cacheTtlSeconds: number;
}

export const ANALYTICS_CONFIG = Symbol('ANALYTICS_CONFIG');

/** Reads analytics settings from the environment; a bad value throws ConfigError naming the variable. */
export function loadAnalyticsConfig(config: Pick<AppConfig, 'env' | 'defaults'>): AnalyticsConfig {
  const env = config.env;
  const { costPerMessage, currency } = loadMessageCostConfig(config);
  return {
    attributionWindowDays: readInt(env, 'ATTRIBUTION_WINDOW_DAYS', 7, 1, 365),
    costPerMessage,
    currency,
    cacheTtlSeconds: readInt(env, 'ANALYTICS_CACHE_TTL_SECONDS', 5, 0, 300),
  };
}
