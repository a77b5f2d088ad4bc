import { MONTH_NAMES } from '@mini-crm/customer-data';
/**
 * Calendar phrases ("since January", "last quarter", "in March 2025") resolved against an
 * injected clock, in UTC like the segment engine's dates. A window's start is inclusive and its
 * end exclusive; either may be open.
 */
export interface DateWindow {
  start?: Date;
  end?: Date;
}

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`((?:19|20)\d{2})`;
const UNIT = String.raw`(week|month|quarter|year)`;

/**
 * One calendar phrase (15 groups). Groups, in order: kind word (since|before|after|in|during|from),
 * iso date, day-month, month, year-of-month, month-day month, month-day day, year-of-month-day,
 * quarter number, quarter year, bare year, start/beginning marker, relative word, relative unit,
 * yesterday/today.
 */
export const PERIOD_SOURCE = String.raw`(?:(since|before|after|in|during|from)\s+)?(?:the\s+)?(?:(\d{4}-\d{2}-\d{2})|${DAY}\s+${MONTH}(?:,?\s+${YEAR})?|${MONTH}(?:\s+${DAY})?(?:,?\s+${YEAR})?|q([1-4])(?:\s+${YEAR})?|${YEAR}|(?:(start|beginning)\s+of\s+)?(?:the\s+)?(last|previous|this|current)\s+${UNIT}|(yesterday|today))`;

/** Number of capture groups in {@link PERIOD_SOURCE}. */
export const PERIOD_GROUPS = 15;

/** Resolves a PERIOD_SOURCE match (its groups from `g[0]`) to a window; null when it names no period. */
export function resolvePeriod(g: (string | undefined)[], now: Date): DateWindow | null {
  const [kind, iso, dmDay, dmMonth, dmYear, month, mdDay, mYear, quarter, qYear, year, startOf, rel, relUnit, day] = g;
  let window: DateWindow;
  if (iso) window = dayWindow(new Date(`${iso}T00:00:00Z`));
  else if (dmMonth) window = dayWindow(pastDate(now, monthIndex(dmMonth), Number(dmDay), dmYear));
  else if (month && mdDay) window = dayWindow(pastDate(now, monthIndex(month), Number(mdDay), mYear));
  else if (month) {
    const m = monthIndex(month);
    const y = mYear ? Number(mYear) : latestYear(now, m);
    window = { start: utc(y, m, 1), end: utc(y, m + 1, 1) };
  } else if (quarter) {
    const q = Number(quarter) - 1;
    const y = qYear ? Number(qYear) : latestYear(now, q * 3);
    window = { start: utc(y, q * 3, 1), end: utc(y, q * 3 + 3, 1) };
  } else if (year) window = { start: utc(Number(year), 0, 1), end: utc(Number(year) + 1, 0, 1) };
  else if (rel && relUnit) window = relativeWindow(now, rel, relUnit, Boolean(startOf));
  else if (day) {
    const today = utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    window = day === 'today' ? { start: today } : { start: addDays(today, -1), end: today };
  } else return null;
  if (!window.start || Number.isNaN(window.start.getTime())) return null;

  switch (kind) {
    case 'since':
    case 'from':
      return { start: window.start };
    case 'before':
      return { end: window.start };
    case 'after':
      return window.end ? { start: window.end } : null;
    default:
      return window;
  }
}

function relativeWindow(now: Date, rel: string, unit: string, startOnly: boolean): DateWindow {
  const current = periodStart(now, unit);
  if (rel === 'this' || rel === 'current') return { start: current };
  const previous = periodStart(addDays(current, -1), unit);
  return startOnly ? { start: previous } : { start: previous, end: current };
}

/** Start of the week (Monday), month, quarter or year holding `d`. */
function periodStart(d: Date, unit: string): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (unit) {
    case 'week':
      return addDays(utc(y, m, d.getUTCDate()), -((d.getUTCDay() + 6) % 7));
    case 'month':
      return utc(y, m, 1);
    case 'quarter':
      return utc(y, m - (m % 3), 1);
    default:
      return utc(y, 0, 1);
  }
}

function dayWindow(start: Date): DateWindow {
  return { start, end: addDays(start, 1) };
}

/** The latest date with this month and day that is not in the future (unless a year is given). */
function pastDate(now: Date, month: number, day: number, year: string | undefined): Date {
  if (year) return checkedDate(Number(year), month, day);
  const thisYear = checkedDate(now.getUTCFullYear(), month, day);
  return thisYear.getTime() <= now.getTime() ? thisYear : checkedDate(now.getUTCFullYear() - 1, month, day);
}

/** The latest year in which this month has begun by `now`. */
function latestYear(now: Date, month: number): number {
  return month <= now.getUTCMonth() ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

function checkedDate(y: number, m: number, d: number): Date {
  const date = utc(y, m, d);
  return date.getUTCMonth() === ((m % 12) + 12) % 12 ? date : new Date(NaN);
}

function monthIndex(word: string): number {
  return MONTH_NAMES.findIndex((m) => m.startsWith(word.slice(0, 3)));
}

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m, d));
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** A rule date for an inclusive start: the instant just before it, since `after` is strict. */
export function afterValue(start: Date): string {
  return new Date(start.getTime() - 1).toISOString();
}

/** A rule date for an exclusive end: `before` is strict, so the end itself (date-only at midnight). */
export function beforeValue(end: Date): string {
  const iso = end.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
