import { ConfigError, readInt, readString, type AppConfig } from '../config/app-config';

/**
 * Who may read the metrics. METRICS_TOKEN: `GET /api/metrics` answers with `Authorization: Bearer
 * <token>` (401 otherwise). METRICS_PORT: a second listener on 127.0.0.1 answers `GET /metrics`
 * without a token. Neither: metrics are off and `/api/metrics` answers 404.
 */
export interface MetricsConfig {
  token?: string;
  port?: number;
}

export function loadMetricsConfig(config: Pick<AppConfig, 'env'>): MetricsConfig {
  const token = readString(config.env, 'METRICS_TOKEN');
  if (token !== undefined && token.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  const port =
    readString(config.env, 'METRICS_PORT') === undefined ? undefined : readInt(config.env, 'METRICS_PORT', 0, 0, 65535);
  return { token, port };
}
