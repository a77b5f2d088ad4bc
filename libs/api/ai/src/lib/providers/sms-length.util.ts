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

export interface SmsSegmentInfo {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units that fit in one segment of a message this long (160/153 or 70/67). */
  perSegment: number;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) {
    if (!GSM7_BASIC.has(ch) && !GSM7_EXTENSION.has(ch)) return false;
  }
  return true;
}

/** Septets the text needs in GSM-7, or -1 when it holds a character outside GSM-7. */
export function gsm7Length(text: string): number {
  let length = 0;
  for (const ch of text) {
    if (GSM7_BASIC.has(ch)) length += 1;
    else if (GSM7_EXTENSION.has(ch)) length += 2;
    else return -1;
  }
  return length;
}

export function smsSegments(text: string): SmsSegmentInfo {
  const septets = gsm7Length(text);
  if (septets >= 0) return segmentInfo('GSM-7', septets, 160, 153);
  // UCS-2 counts UTF-16 code units: characters outside the BMP (emoji) take two.
  return segmentInfo('UCS-2', text.length, 70, 67);
}

function segmentInfo(encoding: SmsEncoding, units: number, single: number, multi: number): SmsSegmentInfo {
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: single };
  return { encoding, units, segments: Math.ceil(units / multi), perSegment: multi };
}
