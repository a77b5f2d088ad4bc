import { readInt, readNumber, readString, type AppConfig } from '@mini-crm/api/core';

export interface InsightsConfig {
  /** Cron pattern (UTC) of the nightly model run; empty disables it. */
  cron: string;
  /** RFM frequency and monetary look back this many days. */
  rfmWindowDays: number;
  /** Above this many customers with orders the models are fitted on a uniform sample of this size. */
  fitSampleSize: number;
  /** Annual discount rate of predicted CLV. */
  discountRate: number;
  /** A run after imports or order batches waits this long for more of them (debounce). */
  debounceSeconds: number;
  /** Customers written back per statement. */
  batchSize: number;
}

export const INSIGHTS_CONFIG = Symbol('INSIGHTS_CONFIG');

export function loadInsightsConfig(config: Pick<AppConfig, 'env'>): InsightsConfig {
  const env = config.env;
  return {
    // Set but empty switches the nightly run off (readString would take empty for unset).
    cron: env['INSIGHTS_CRON']?.trim() === '' ? '' : (readString(env, 'INSIGHTS_CRON', '30 2 * * *') as string),
    rfmWindowDays: readInt(env, 'INSIGHTS_RFM_WINDOW_DAYS', 365, 1, 3650),
    fitSampleSize: readInt(env, 'INSIGHTS_FIT_SAMPLE_SIZE', 200_000, 1000, 10_000_000),
    discountRate: readNumber(env, 'INSIGHTS_DISCOUNT_RATE', 0.1, 0, 1),
    debounceSeconds: readInt(env, 'INSIGHTS_DEBOUNCE_SECONDS', 300, 0, 86_400),
    batchSize: readInt(env, 'INSIGHTS_BATCH_SIZE', 5000, 100, 50_000),
  };
}
