import type { CampaignChannel } from '@mini-crm/contracts';

/** Steps 0–4: name & channel, audience, message, when, review. */
export const LAST_STEP = 4;
/** Name and channel typed before a draft exists (a refresh on step 1–2 keeps them). */
const EARLY_KEY = 'crm.campaign-wizard.early';

/** The `step` query parameter, or 0 when it is not a step. */
export function stepOf(raw: string | null): number {
  const n = Number(raw ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= LAST_STEP ? n : 0;
}

export function readEarly(): { name?: string; channel?: CampaignChannel } | null {
  try {
    const early = JSON.parse(sessionStorage.getItem(EARLY_KEY) ?? 'null') as {
      name?: string;
      channel?: string;
    } | null;
    if (!early) return null;
    const channel = early.channel === 'sms' || early.channel === 'email' ? early.channel : undefined;
    return { name: early.name, channel };
  } catch {
    return null; // nothing kept
  }
}

export function keepEarly(early: { name: string; channel: CampaignChannel }): void {
  sessionStorage.setItem(EARLY_KEY, JSON.stringify(early));
}

export function clearEarly(): void {
  sessionStorage.removeItem(EARLY_KEY);
}
