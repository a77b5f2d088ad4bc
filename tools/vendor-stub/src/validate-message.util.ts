import { VENDOR_MAX_BATCH_SIZE, type VendorMessageRequest } from '@mini-crm/vendor-protocol';

const MAX_KEY_LENGTH = 256;
const MAX_TO_LENGTH = 320;
const MAX_TEXT_LENGTH = 1_000_000;

/** Why `value` is not a valid message (with a field path), or null when it is. */
export function messageProblem(value: unknown, path = ''): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path || 'body'} must be an object`;
  const m = value as Record<string, unknown>;
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (
    typeof m['idempotencyKey'] !== 'string' ||
    m['idempotencyKey'].length === 0 ||
    m['idempotencyKey'].length > MAX_KEY_LENGTH
  ) {
    return `${at('idempotencyKey')} must be a string of 1..${MAX_KEY_LENGTH} characters`;
  }
  if (m['channel'] !== 'sms' && m['channel'] !== 'email') return `${at('channel')} must be 'sms' or 'email'`;
  if (typeof m['to'] !== 'string' || m['to'].length === 0 || m['to'].length > MAX_TO_LENGTH) {
    return `${at('to')} must be a string of 1..${MAX_TO_LENGTH} characters`;
  }
  if (typeof m['body'] !== 'string' || m['body'].length === 0 || m['body'].length > MAX_TEXT_LENGTH) {
    return `${at('body')} must be a non-empty string`;
  }
  for (const field of ['subject', 'listUnsubscribe']) {
    if (m[field] !== undefined && typeof m[field] !== 'string') return `${at(field)} must be a string`;
  }
  return null;
}

export function isValidMessage(value: unknown): value is VendorMessageRequest {
  return messageProblem(value) === null;
}

/** Why `value` is not a valid batch body, or null when it is. */
export function batchProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'body must be an object';
  const messages = (value as Record<string, unknown>)['messages'];
  if (!Array.isArray(messages)) return 'messages must be an array';
  if (messages.length > VENDOR_MAX_BATCH_SIZE) return `messages must hold at most ${VENDOR_MAX_BATCH_SIZE} items`;
  for (let i = 0; i < messages.length; i++) {
    const problem = messageProblem(messages[i], `messages[${i}]`);
    if (problem) return problem;
  }
  return null;
}
