import { AppConfig, ConfigError, readString } from './app-config';

/** Cost of one sent message per channel (COST_PER_SMS / COST_PER_EMAIL), null when not set, and its currency. */
export interface MessageCostConfig {
  costPerMessage: { sms: number | null; email: number | null };
  /** COST_CURRENCY, else the default currency. */
  currency: string;
}

function readCost(env: AppConfig['env'], name: string): number | null {
  const raw = readString(env, name);
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${name} must be a non-negative number (got "${raw}")`);
  return n;
}

/** Read by analytics (cost, ROI) and campaigns (the launch estimate); a bad value throws ConfigError naming it. */
export function loadMessageCostConfig(config: Pick<AppConfig, 'env' | 'defaults'>): MessageCostConfig {
  const currency = (readString(config.env, 'COST_CURRENCY') ?? config.defaults.currency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new ConfigError(`COST_CURRENCY must be a 3-letter currency code`);
  return {
    costPerMessage: { sms: readCost(config.env, 'COST_PER_SMS'), email: readCost(config.env, 'COST_PER_EMAIL') },
    currency,
  };
}
