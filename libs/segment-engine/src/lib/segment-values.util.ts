/**
 * Value helpers shared by the validator, the SQL compiler and the in-memory evaluator, so both
 * execution paths read dates, day counts and attribute numbers the same way.
 */
export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a rule date: `YYYY-MM-DD` (00:00 UTC) or an ISO 8601 date-time; a date-time without an
 * offset is read as UTC. Returns null for anything else, including impossible calendar dates.
 */
export function parseRuleDate(value: string): Date | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const ms = Number((frac + '000').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return null;
  }
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 18 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return new Date(utc - offsetMinutes * 60_000);
}

/** Milliseconds since the epoch of a customer timestamp (Date or parseable string), null if absent/invalid. */
export function toEpochMs(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  let time = NaN;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string') time = parseRuleDate(value)?.getTime() ?? new Date(value).getTime();
  return Number.isNaN(time) ? null : time;
}

/** Whole days between a timestamp and now: floor((now - ts) / 24h). */
export function wholeDaysSince(tsMs: number, nowMs: number): number {
  return Math.floor((nowMs - tsMs) / DAY_MS);
}

/** The instant `days` whole days before now (the boundary of "at least `days` days old"). */
export function daysBefore(nowMs: number, days: number): Date {
  return new Date(nowMs - days * DAY_MS);
}

/** Numeric value of a customer column (numeric columns arrive as strings from Postgres). */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Plain decimal numerals that attribute strings may use to take part in numeric comparisons. */
export const ATTRIBUTE_NUMERAL_SOURCE = '^-?[0-9]+([.][0-9]+)?$';
const ATTRIBUTE_NUMERAL = new RegExp(ATTRIBUTE_NUMERAL_SOURCE);

/** Text of a scalar attribute value; objects, arrays and null count as absent. */
export function attributeText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  return null;
}

/** Number of an attribute: a JSON number, or a string of plain decimal form. */
export function attributeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && ATTRIBUTE_NUMERAL.test(value)) return Number(value);
  return null;
}

/** Escapes LIKE metacharacters (backslash is Postgres' default escape). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

const CAMPAIGN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A canonical UUID (any version, either case): what `campaign_engagement` values must be. */
export function isCampaignId(value: unknown): value is string {
  return typeof value === 'string' && CAMPAIGN_ID.test(value);
}
