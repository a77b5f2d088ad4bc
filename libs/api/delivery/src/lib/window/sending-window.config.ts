import { ConfigError, readString, type AppConfig } from '@mini-crm/api/core';
import { CAMPAIGN_CHANNELS, parseSendingWindow, type CampaignChannel, type SendingWindow } from '@mini-crm/contracts';
import { isKnownZone } from './recipient-zone.util';

/** Environment defaults of the sending settings; a settings row edited by an admin overrides them. */
export interface SendingWindowConfig {
  /** Zone of recipients whose own zone is unknown. */
  timeZone: string;
  /** Default window per channel; null: any time. */
  windows: Record<CampaignChannel, SendingWindow | null>;
}

export const SENDING_WINDOW_CONFIG = Symbol('SENDING_WINDOW_CONFIG');
export const DEFAULT_WORKSPACE_TIME_ZONE = 'Asia/Kolkata';

/** `WORKSPACE_TIME_ZONE`, `SENDING_WINDOW_SMS`, `SENDING_WINDOW_EMAIL`; a bad value throws ConfigError naming it. */
export function loadSendingWindowConfig(config: Pick<AppConfig, 'env'>): SendingWindowConfig {
  const env = config.env;
  const timeZone = readString(env, 'WORKSPACE_TIME_ZONE', DEFAULT_WORKSPACE_TIME_ZONE) as string;
  if (!isKnownZone(timeZone))
    throw new ConfigError(`WORKSPACE_TIME_ZONE must be an IANA time zone such as Asia/Kolkata, got "${timeZone}"`);
  const windows = {} as Record<CampaignChannel, SendingWindow | null>;
  for (const channel of CAMPAIGN_CHANNELS) {
    const name = `SENDING_WINDOW_${channel.toUpperCase()}`;
    const raw = readString(env, name);
    if (!raw) {
      windows[channel] = null;
      continue;
    }
    const window = parseSendingWindow(raw);
    if (!window)
      throw new ConfigError(`${name} must be a window such as 09:00-21:00 (24-hour, start ≠ end), got "${raw}"`);
    windows[channel] = window;
  }
  return { timeZone, windows };
}
