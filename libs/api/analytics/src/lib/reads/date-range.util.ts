import { BadRequestException } from '@nestjs/common';

const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_DAYS = 30;
/** Longest range answered (a year and a bit): keeps daily series and scans bounded. */
export const MAX_RANGE_DAYS = 731;

export interface DateRange {
  from: Date;
  to: Date;
}

/**
 * `from`/`to` as validated ISO strings (or absent) → a range: defaults to the last 30 days ending
 * now; `to` must be after `from` and the range at most MAX_RANGE_DAYS (400 with field details).
 */
export function resolveRange(q: { from?: string; to?: string }, now = new Date()): DateRange {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime())
    throw new BadRequestException({
      message: 'Validation failed',
      details: [{ path: 'to', message: 'to must be after from' }],
    });
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw new BadRequestException({
      message: 'Validation failed',
      details: [{ path: 'from', message: `the range may span at most ${MAX_RANGE_DAYS} days` }],
    });
  return { from, to };
}

/** The period of equal length just before `range`. */
export function previousRange(range: DateRange): DateRange {
  const len = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - len), to: range.from };
}

/** Bucket starts (UTC) covering [from, to) for `unit`. */
export function bucketStarts(range: DateRange, unit: 'hour' | 'day'): Date[] {
  const step = unit === 'hour' ? 3_600_000 : DAY_MS;
  const first = Math.floor(range.from.getTime() / step) * step;
  const out: Date[] = [];
  for (let t = first; t < range.to.getTime(); t += step) out.push(new Date(t));
  return out;
}
