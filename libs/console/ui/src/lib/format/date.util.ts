import { cachedFormat, displaySettings } from './display-settings';

export type DateInput = string | number | Date | null | undefined;

/** How much of a moment to show. */
export type DateTimeStyle = 'minutes' | 'seconds' | 'long';

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2 Dec 2026` (en-IN), in the browser's time zone; "" for nothing. */
export function formatDate(value: DateInput): string {
  const d = toDate(value);
  if (!d) return '';
  const locale = displaySettings().locale;
  return cachedFormat(
    'date',
    () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }),
  ).format(d);
}

/**
 * `2 Dec 2026, 16:28` (minutes, the default), `2 Dec 2026, 16:28:05` (seconds) or
 * `Wednesday, 2 December 2026 at 16:28` (long, for schedules); 24-hour clock; "" for nothing.
 */
export function formatDateTime(value: DateInput, style: DateTimeStyle = 'minutes'): string {
  const d = toDate(value);
  if (!d) return '';
  const locale = displaySettings().locale;
  const time: Intl.DateTimeFormatOptions = {
    hour: '2-digit',
    minute: '2-digit',
    ...(style === 'seconds' ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  };
  const date: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
      : { day: 'numeric', month: 'short', year: 'numeric' };
  return cachedFormat(`datetime:${style}`, () => new Intl.DateTimeFormat(locale, { ...date, ...time })).format(d);
}

/** `16:28:05`: a time of day for lists that already say which day. */
export function formatTime(value: DateInput): string {
  const d = toDate(value);
  if (!d) return '';
  const locale = displaySettings().locale;
  return cachedFormat(
    'time',
    () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
  ).format(d);
}
