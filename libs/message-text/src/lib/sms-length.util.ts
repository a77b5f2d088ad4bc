/** GSM 03.38 default alphabet (basic table, without the escape character). */
const GSM7_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
/** Extension table characters: each costs an escape plus the character (2 septets). */
const GSM7_EXTENSION = new Set(Array.from('^{}\\[~]|€\f'));

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units per segment at this length (160/153 or 70/67). */
  perSegment: number;
  /** Characters that force UCS-2, deduplicated, in order of appearance. */
  nonGsm: string[];
}

/**
 * Encoding, length and segment count of one SMS: GSM-7 (160 septets, 153 per part) unless a character is outside
 * it, then UCS-2 (70 UTF-16 code units, 67 per part; emoji take two). The console meter and the server agree because
 * both call this.
 */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  const nonGsm: string[] = [];
  for (const ch of text) {
    if (GSM7_BASIC.has(ch)) septets += 1;
    else if (GSM7_EXTENSION.has(ch)) septets += 2;
    else if (!nonGsm.includes(ch)) nonGsm.push(ch);
  }
  if (nonGsm.length === 0) return withSegments('GSM-7', septets, 160, 153, nonGsm);
  return withSegments('UCS-2', text.length, 70, 67, nonGsm);
}

function withSegments(
  encoding: SmsEncoding,
  units: number,
  single: number,
  multi: number,
  nonGsm: string[],
): SmsLength {
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: single, nonGsm };
  return { encoding, units, segments: Math.ceil(units / multi), perSegment: multi, nonGsm };
}

/** Units left before the next segment starts. */
export function unitsLeft(len: SmsLength): number {
  if (len.units === 0) return len.perSegment;
  return len.segments * len.perSegment - len.units;
}
