import type { DateOrder, Normalized } from './normalized.types';

export interface DateOptions {
  /** Order for ambiguous numeric dates such as 03/04/2024. Default 'dmy'. */
  dateOrder?: DateOrder;
}

// Optional time: "T10:30", " 10:30:15.123", ", 3:05 PM", with an optional zone "Z" / "+05:30".
const TIME = String.raw`(?:(?:[T\s]+|\s*,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})` + TIME + '$');
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([A-Za-z]{3,9})\.?,?[\s\-/.]+(\d{2,4})` + TIME + '$',
);
const MONTH_NAME_DAY = new RegExp(
  String.raw`^([A-Za-z]{3,9})\.?[\s\-/.]+(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]+(\d{4})` + TIME + '$',
);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parses a date or date-time into a Date.
 *
 * Accepted: ISO 8601 (`2024-03-01`, `2024-03-01T10:30:00Z`, `2024-03-01 10:30+05:30`), `yyyy/mm/dd`,
 * `yyyy.mm.dd`, `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` (two-digit years: 00–69 → 20xx), English
 * month names (`1 Mar 2024`, `01-Mar-24`, `March 1, 2024`), each with an optional time
 * (`hh:mm[:ss[.fff]]`, optional AM/PM and zone). Times without a zone are read as UTC.
 * Ambiguous numeric dates follow `dateOrder` (day first by default); when that order gives an
 * impossible date but the other order does not (`12/25/2024` in dmy), the other order is used.
 */
export function parseDate(input: string, options: DateOptions = {}): Normalized<Date> {
  const text = input.trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  let m = NUMERIC.exec(text);
  if (m) {
    const [a, b, c] = [m[1], m[3], m[4]];
    if (a.length === 4) return build(text, +a, +b, +c, m, 5);
    if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return invalid(text);
    const year = fullYear(c);
    const mdy = options.dateOrder === 'mdy';
    const first = mdy ? build(text, year, +a, +b, m, 5) : build(text, year, +b, +a, m, 5);
    if (first.ok) return first;
    const second = mdy ? build(text, year, +b, +a, m, 5) : build(text, year, +a, +b, m, 5);
    return second.ok ? second : first;
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m) return build(text, fullYear(m[3]), monthNumber(m[2]), +m[1], m, 4);
  m = MONTH_NAME_DAY.exec(text);
  if (m) return build(text, +m[3], monthNumber(m[1]), +m[2], m, 4);
  return invalid(text);
}

function fullYear(text: string): number {
  const y = +text;
  return text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

function monthNumber(name: string): number {
  const key = name.slice(0, 3).toLowerCase();
  const index = MONTHS.indexOf(key);
  // Full names must be real names ("Marchx" is not March); "Sept" is common.
  if (index === -1 || (name.length > 3 && !matchesMonthName(name.toLowerCase(), index))) return 0;
  return index + 1;
}

/** English month names, January first. */
export const MONTH_NAMES: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
function matchesMonthName(name: string, index: number): boolean {
  return MONTH_NAMES[index] === name || (index === 8 && name === 'sept');
}

/** `m[t]`… are hour, minute, second, fraction, am/pm, zone. */
function build(
  text: string,
  year: number,
  month: number,
  day: number,
  m: RegExpExecArray,
  t: number,
): Normalized<Date> {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return invalid(text);
  let hour = m[t] === undefined ? 0 : +m[t];
  const minute = m[t + 1] === undefined ? 0 : +m[t + 1];
  const second = m[t + 2] === undefined ? 0 : +m[t + 2];
  const millis = m[t + 3] === undefined ? 0 : Math.floor(+`0.${m[t + 3]}` * 1000);
  const ampm = m[t + 4];
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return invalid(text);
    const pm = ampm[0] === 'p' || ampm[0] === 'P';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return invalid(text);
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const zone = m[t + 5];
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = +digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2) : 0);
    if (offset > 14 * 60) return invalid(text);
    ms -= sign * offset * 60_000;
  }
  return { ok: true, value: new Date(ms) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function invalid(text: string): Normalized<Date> {
  return { ok: false, reason: `not a date: "${text}"` };
}
