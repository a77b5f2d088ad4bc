/**
 * Sending windows ("quiet hours"): the local times of day, in the recipient's time zone, between
 * which a channel may send. Pure helpers shared by the API (validation, delivery) and the console.
 */

/** `HH:MM`, 24-hour clock, 00:00–23:59. */
export const WINDOW_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Local times `start`–`end`; `end` before `start` means the window runs past midnight (22:00–06:00). */
export interface SendingWindow {
  start: string;
  end: string;
}

/** Minutes since local midnight of an `HH:MM` time, or null when it is not one. */
export function windowMinutes(time: string): number | null {
  const m = WINDOW_TIME_PATTERN.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * A `start-end` text such as `09:00-21:00` (as the `SENDING_WINDOW_*` variables hold), or null when
 * malformed or empty (start equal to end is no window).
 */
export function parseSendingWindow(text: string): SendingWindow | null {
  const m = /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(text);
  if (!m || windowMinutes(m[1]) === null || windowMinutes(m[2]) === null || m[1] === m[2]) return null;
  return { start: m[1], end: m[2] };
}

/** `09:00–21:00` for people. */
export function formatSendingWindow(w: SendingWindow | null | undefined): string {
  return w ? `${w.start}–${w.end}` : 'any time';
}
