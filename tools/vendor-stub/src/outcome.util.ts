import type { VendorChannel } from '@mini-crm/vendor-protocol';
import { hash32, unitHash } from './hash.util';

const SEED_FATE = 0x811c9dc5;
const SEED_ENGAGEMENT = 0x2545f491;
const SEED_REASON = 0x9e3779b9;

/** Every reason the stub can give; stored per key as an index into this list. */
export const VENDOR_REASONS = [
  'invalid_recipient',
  'carrier_blocked',
  'spam_filtered',
  'unreachable_handset',
  'carrier_timeout',
  'hard_bounce',
  'mailbox_full',
] as const;
export type VendorReason = (typeof VENDOR_REASONS)[number];

const REJECT_REASONS: Record<VendorChannel, VendorReason[]> = {
  sms: ['invalid_recipient', 'carrier_blocked'],
  email: ['invalid_recipient', 'spam_filtered'],
};
const FAIL_REASONS: Record<VendorChannel, VendorReason[]> = {
  sms: ['unreachable_handset', 'carrier_timeout'],
  email: ['hard_bounce', 'mailbox_full'],
};

export interface OutcomeRates {
  failRate: number;
  openRate: number;
  clickRate: number;
}

export type VendorFate =
  | { fate: 'rejected'; reason: VendorReason }
  | { fate: 'failed'; reason: VendorReason }
  | { fate: 'delivered'; opened: boolean; clicked: boolean };

/**
 * The simulated fate of a message, a pure function of its idempotency key, channel and the rates,
 * so two runs over the same keys agree. Half of `failRate` is rejected at once (422), the other half
 * is accepted and later gets a `failed` receipt. Among delivered messages, `clickRate` of them are
 * clicked; email also gets opens (every clicked email counts as opened). SMS has no opens. Opens and
 * clicks are played over HTTP against the tracked links when the stub's `engage` option is on;
 * they are never sent as receipts.
 */
export function predictVendorFate(idempotencyKey: string, channel: VendorChannel, rates: OutcomeRates): VendorFate {
  const u = unitHash(idempotencyKey, SEED_FATE);
  if (u < rates.failRate / 2) return { fate: 'rejected', reason: pickReason(idempotencyKey, REJECT_REASONS[channel]) };
  if (u < rates.failRate) return { fate: 'failed', reason: pickReason(idempotencyKey, FAIL_REASONS[channel]) };
  return { fate: 'delivered', ...predictEngagement(idempotencyKey, channel, rates) };
}

/** Opens and clicks a delivered message will get. */
export function predictEngagement(
  idempotencyKey: string,
  channel: VendorChannel,
  rates: Pick<OutcomeRates, 'openRate' | 'clickRate'>,
): { opened: boolean; clicked: boolean } {
  const draw = unitHash(idempotencyKey, SEED_ENGAGEMENT);
  const clicked = draw < rates.clickRate;
  return { opened: channel === 'email' && (clicked || draw < rates.openRate), clicked };
}

/** A recipient the vendor could never reach, rejected whatever the key's fate. */
export function recipientProblem(channel: VendorChannel, to: string): VendorReason | null {
  if (channel === 'sms') return /^\+[1-9]\d{6,14}$/.test(to) ? null : 'invalid_recipient';
  return /^[^\s@]+@[^\s@]+$/.test(to) ? null : 'invalid_recipient';
}

export function reasonCode(reason: VendorReason): number {
  return VENDOR_REASONS.indexOf(reason);
}

function pickReason(key: string, choices: VendorReason[]): VendorReason {
  return choices[hash32(key, SEED_REASON) % choices.length];
}
