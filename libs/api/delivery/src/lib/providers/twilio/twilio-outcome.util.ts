import type { SendOutcome } from '../channel-provider';

/** Twilio error codes that say the recipient refused SMS from us (they texted STOP to our sender). */
export const TWILIO_CONSENT_CODES = new Set([21610]);
/** Numbers Twilio will never reach: invalid, landline, unreachable region, blocklisted. */
const PERMANENT_CODES = new Set([
  21211, 21212, 21214, 21217, 21219, 21401, 21407, 21408, 21612, 21614, 21635, 30003, 30005, 30006, 30007, 30008,
]);

/**
 * Maps an error of `messages.create` to an outcome. A 429, a 5xx or no answer at all retries; a
 * refused credential (20003) is a setting to fix and retries too; known codes decide the rest.
 */
export function twilioOutcome(err: { status?: number; code?: number }): SendOutcome {
  const { status, code } = err;
  if (code && TWILIO_CONSENT_CODES.has(code)) return { status: 'rejected', kind: 'consent', reason: 'unsubscribed' };
  if (code && PERMANENT_CODES.has(code)) return { status: 'rejected', kind: 'permanent', reason: `twilio_${code}` };
  if (!status || status >= 500 || status === 429 || status === 401 || code === 20003 || code === 20429)
    return { status: 'retry', reason: `twilio_${code ?? status ?? 'unreachable'}` };
  return { status: 'rejected', kind: 'permanent', reason: `twilio_${code ?? status}` };
}

/** A status callback's outcome as a receipt: `delivered`, `failed` (undelivered/failed) or nothing yet. */
export function twilioReceiptType(status: string | undefined): 'delivered' | 'failed' | null {
  if (status === 'delivered') return 'delivered';
  if (status === 'undelivered' || status === 'failed') return 'failed';
  return null;
}
