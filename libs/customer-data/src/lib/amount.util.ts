import type { Normalized } from './normalized.types';

export interface AmountOptions {
  /** Decimal separator. Default '.', which still reads `1.234,56` (both separators present) right. */
  decimalSeparator?: '.' | ',';
}

// Currency symbols/codes before or after the number ("₹1,200", "1200 INR", "Rs. 50").
const AFFIXES = /^(?:[^\d.,\-(]|[.,](?!\d))+|(?:[^\d.,\-)]|(?<!\d)[.,])+$/g;
// Digit-group spaces and apostrophes inside the number (French "1 234,50", Swiss "1'234.50").
const GROUPING = /[\s'\u00a0\u202f\u2009]/g;
const AMOUNT_CHARS = /^[\d.,\-()]+$/;
const MAX_INTEGER_DIGITS = 15;

/**
 * Parses a money amount into a canonical decimal string ("1234.5", "-3", "0.07").
 *
 * Rules: currency symbols/codes, spaces and apostrophes are ignored; `(12.50)` and a leading or
 * trailing minus are negative. With both `.` and `,` present the later one is the decimal
 * separator (`1.234,56` and `1,234.56` both read 1234.56). With only one kind present: repeated
 * separators are thousands (`1,234,567`, Indian `1,23,456`); a single one is the decimal
 * separator when it is `options.decimalSeparator`, otherwise a thousands separator if followed by
 * exactly three digits (`1,234` → 1234 with '.' as decimal) and a decimal separator otherwise
 * (`12,5` → 12.5).
 */
export function parseAmount(input: string, options: AmountOptions = {}): Normalized<string> {
  const raw = input.trim();
  if (raw.length === 0) return { ok: false, reason: 'empty' };
  let text = raw.replace(AFFIXES, '').replace(GROUPING, '');
  if (!AMOUNT_CHARS.test(text)) return { ok: false, reason: `not an amount: "${raw}"` };
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  const decimal = decimalSeparatorOf(text, options.decimalSeparator ?? '.');
  if (decimal === 'invalid') return { ok: false, reason: `not an amount: "${raw}"` };
  let intPart = text;
  let fracPart = '';
  if (decimal !== null) {
    const at = text.lastIndexOf(decimal);
    intPart = text.slice(0, at);
    fracPart = text.slice(at + 1);
  }
  intPart = intPart.replace(/[.,]/g, '');
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart) || intPart.length + fracPart.length === 0) {
    return { ok: false, reason: `not an amount: "${raw}"` };
  }
  intPart = intPart.replace(/^0+(?=\d)/, '') || '0';
  if (intPart.length > MAX_INTEGER_DIGITS) return { ok: false, reason: `amount too large: "${raw}"` };
  fracPart = fracPart.replace(/0+$/, '');
  const value = fracPart.length > 0 ? `${intPart}.${fracPart}` : intPart;
  return { ok: true, value: negative && value !== '0' ? `-${value}` : value };
}

/** The decimal separator, null when there is none, 'invalid' when separators contradict. */
function decimalSeparatorOf(text: string, preferred: '.' | ','): '.' | ',' | null | 'invalid' {
  const dot = text.lastIndexOf('.');
  const comma = text.lastIndexOf(',');
  if (dot !== -1 && comma !== -1) {
    const sep = dot > comma ? '.' : ',';
    return text.indexOf(sep) === text.lastIndexOf(sep) ? sep : 'invalid';
  }
  const sep = dot !== -1 ? '.' : comma !== -1 ? ',' : null;
  if (sep === null) return null;
  if (text.indexOf(sep) !== text.lastIndexOf(sep)) return null; // repeated: thousands
  if (sep === preferred) return sep;
  const digitsAfter = text.length - text.lastIndexOf(sep) - 1;
  return digitsAfter === 3 ? null : sep;
}
