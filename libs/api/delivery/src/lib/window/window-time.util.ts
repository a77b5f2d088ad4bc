import { DateTime } from 'luxon';
import { windowMinutes, type SendingWindow } from '@mini-crm/contracts';

/**
 * Whether `at` falls inside the window in `zone`: from `start` (inclusive) to `end` (exclusive),
 * local wall-clock time; a window whose end is before its start runs past midnight.
 */
export function isWindowOpen(window: SendingWindow, zone: string, at: Date): boolean {
  const start = windowMinutes(window.start);
  const end = windowMinutes(window.end);
  if (start === null || end === null || start === end) return true;
  const local = DateTime.fromJSDate(at, { zone });
  const now = local.hour * 60 + local.minute;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * The first instant at or after `at` when the window is open in `zone`: `at` itself when it is
 * open, else the next local `start`. Luxon does the zone arithmetic: on a day when `start` does
 * not exist (clocks jump forward over it) it resolves to the first local time after the gap.
 */
export function nextWindowOpening(window: SendingWindow, zone: string, at: Date): Date {
  if (isWindowOpen(window, zone, at)) return at;
  const start = windowMinutes(window.start) as number;
  const local = DateTime.fromJSDate(at, { zone });
  const hour = Math.floor(start / 60);
  const minute = start % 60;
  const today = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (today > local) return today.toJSDate();
  // Tomorrow's calendar date first, then its wall-clock time (adding 24 h would drift across a DST change).
  return local.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}
