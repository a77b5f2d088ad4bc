import type { CountryCode } from 'libphonenumber-js/min';
import { normalizePhone } from '@mini-crm/customer-data';

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT']);
const START_WORDS = new Set(['START', 'UNSTOP', 'SUBSCRIBE']);

/** Carrier-style keywords: the message's first word decides, case and punctuation aside. */
export function smsKeyword(text: string): 'unsubscribe' | 'resubscribe' | null {
  const word =
    text
      .trim()
      .split(/\s+/)[0]
      ?.replace(/[^A-Za-z-]/g, '')
      .replace(/-/g, '')
      .toUpperCase() ?? '';
  if (STOP_WORDS.has(word)) return 'unsubscribe';
  if (START_WORDS.has(word)) return 'resubscribe';
  return null;
}

/**
 * The sender as customers' phones are stored: normalized exactly like an imported phone (national
 * formats read in the deployment's default country); a number that does not parse keeps its digits
 * with a leading + (international senders without the +).
 */
export function normalizeSender(from: string, defaultCountry: string): string {
  const phone = normalizePhone(from, defaultCountry as CountryCode);
  return phone.ok ? phone.value : `+${from.replace(/[^\d]/g, '')}`;
}
