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

/** E.164 as stored on customers: digits with a leading +. */
export function normalizeSender(from: string): string {
  const digits = from.replace(/[^\d]/g, '');
  return `+${digits}`;
}
