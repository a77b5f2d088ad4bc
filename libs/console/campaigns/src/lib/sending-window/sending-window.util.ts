import { formatSendingWindow, windowMinutes, type SendingWindow } from '@mini-crm/contracts';

/** A campaign's choice: the workspace default of its channel, its own window, or no window at all. */
export type SendingWindowMode = 'default' | 'custom' | 'any';

/** The campaign fields for a choice (what the API stores). */
export function sendingWindowFields(
  mode: SendingWindowMode,
  window: SendingWindow,
): { sendingWindow: SendingWindow | null; sendAnyTime: boolean } {
  return {
    sendingWindow: mode === 'custom' ? { start: window.start, end: window.end } : null,
    sendAnyTime: mode === 'any',
  };
}

/** The choice a stored campaign made. */
export function sendingWindowModeOf(c: {
  sendingWindow?: SendingWindow | null;
  sendAnyTime?: boolean;
}): SendingWindowMode {
  if (c.sendAnyTime) return 'any';
  return c.sendingWindow ? 'custom' : 'default';
}

/** What is wrong with a custom window, for people; null when it is fine. */
export function sendingWindowProblem(start: string, end: string): string | null {
  if (!start || !end) return 'Pick both times.';
  if (windowMinutes(start) === null || windowMinutes(end) === null) return 'Use times such as 09:00 and 21:00.';
  if (start === end) return 'The window must end at a different time than it starts.';
  return null;
}

/** `09:00–21:00, recipient's local time` (with a note when the window runs past midnight), or "any time". */
export function describeSendingWindow(w: SendingWindow | null): string {
  if (!w) return 'Any time';
  const overnight = (windowMinutes(w.end) ?? 0) < (windowMinutes(w.start) ?? 0) ? ' (past midnight)' : '';
  return `${formatSendingWindow(w)}${overnight}, recipient’s local time`;
}
