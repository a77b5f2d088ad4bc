/** Minimum lead time for a scheduled send, so it is still in the future when it reaches the server. */
export const MIN_LEAD_MS = 60_000;

/** Local date (its calendar day) + "HH:mm" → a Date in the user's timezone; null when incomplete or invalid. */
export function combineDateTime(date: Date | null, time: string | null): Date | null {
  if (!date || Number.isNaN(date.getTime()) || !time) return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), h, min, 0, 0);
}

export type ScheduleProblem = 'missing' | 'past' | null;

export function scheduleProblem(at: Date | null, now: Date = new Date()): ScheduleProblem {
  if (!at) return 'missing';
  return at.getTime() - now.getTime() < MIN_LEAD_MS ? 'past' : null;
}

/** "Europe/Berlin (UTC+01:00)" for the given moment. */
export function timezoneLabel(at: Date = new Date(), zone = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  return `${zone} (${utcOffset(at)})`;
}

export function utcOffset(at: Date): string {
  const minutes = -at.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "HH:mm" of a date, for seeding the time input. */
export function timeOf(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A sensible default: the next full hour at least an hour away. */
export function defaultScheduleTime(now: Date = new Date()): Date {
  const d = new Date(now.getTime() + 60 * 60_000);
  d.setMinutes(0, 0, 0);
  if (d.getTime() - now.getTime() < 30 * 60_000) d.setHours(d.getHours() + 1);
  return d;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
