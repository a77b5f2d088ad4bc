import type { Normalized, SubscriptionStatus } from './normalized.types';

const STATUS_WORDS: Record<string, SubscriptionStatus> = {};
for (const w of [
  'subscribed',
  'subscribe',
  'yes',
  'y',
  'true',
  '1',
  'optin',
  'optedin',
  'on',
  'active',
  'allowed',
  'consent',
  'consented',
])
  STATUS_WORDS[w] = 'subscribed';
for (const w of [
  'unsubscribed',
  'unsubscribe',
  'no',
  'n',
  'false',
  '0',
  'optout',
  'optedout',
  'off',
  'inactive',
  'notsubscribed',
  'none',
])
  STATUS_WORDS[w] = 'unsubscribed';
for (const w of [
  'blocklisted',
  'blocklist',
  'blacklisted',
  'blacklist',
  'blocked',
  'banned',
  'bounced',
  'spam',
  'complained',
])
  STATUS_WORDS[w] = 'blocklisted';

/** Maps consent words (subscribed/unsubscribed/blocklisted, yes/no, true/false, opt-in/opt-out, …) to a status. */
export function normalizeSubscriptionStatus(input: string): Normalized<SubscriptionStatus> {
  const key = input.toLowerCase().replace(/[^a-z0-9]/g, '');
  const status = Object.prototype.hasOwnProperty.call(STATUS_WORDS, key) ? STATUS_WORDS[key] : undefined;
  return status ? { ok: true, value: status } : { ok: false, reason: `unknown status "${input.trim()}"` };
}
