import { TEST_SEND_MAX_RECIPIENTS } from '@mini-crm/contracts';

/** Addresses or numbers typed one per line or separated by commas/semicolons, blanks dropped, duplicates once. */
export function splitRecipients(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\n,;]+/)) {
    const v = part.trim();
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

/** What stops the Send button, said for people; null when the list can be sent. */
export function recipientsProblem(list: readonly string[], channel: 'sms' | 'email'): string | null {
  const what = channel === 'email' ? 'email address' : 'phone number';
  if (!list.length) return `Type at least one ${what}.`;
  if (list.length > TEST_SEND_MAX_RECIPIENTS) return `At most ${TEST_SEND_MAX_RECIPIENTS} recipients per test.`;
  if (channel === 'email') {
    const bad = list.find((v) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v));
    if (bad) return `${bad} is not an email address.`;
  } else {
    const bad = list.find((v) => !/^\+?[0-9][0-9 ().-]{5,20}$/.test(v));
    if (bad) return `${bad} is not a phone number.`;
  }
  return null;
}
