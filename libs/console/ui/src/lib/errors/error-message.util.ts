import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorDto } from '@mini-crm/contracts';

function isErrorBody(value: unknown): value is ErrorDto {
  return typeof value === 'object' && value !== null && typeof (value as ErrorDto).message === 'string';
}

/** A sentence for the user from any failure; API errors carry `{ statusCode, error, message, details? }`. */
export function errorMessage(err: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (err instanceof HttpErrorResponse) {
    if (err.status === 0) return 'Cannot reach the server. Check your connection and try again.';
    const body: unknown = err.error;
    if (isErrorBody(body)) {
      // The API's messages are written for people; field paths stay out of sight (forms use fieldErrors).
      const extra = (body.details ?? []).map((d) => d.message).filter((m) => m && !body.message.includes(m));
      return extra.length ? `${body.message} (${extra.join('; ')})` : body.message;
    }
    if (err.status === 401) return 'Your session has expired. Please sign in again.';
    if (err.status === 403) return 'You do not have permission to do that.';
    if (err.status === 404) return 'Not found.';
    if (err.status >= 500) return 'The server had a problem. Please try again.';
    return fallback;
  }
  if (err instanceof Error && err.message) return err.message;
  return fallback;
}

/** Per-field messages from an API validation error, keyed by field path. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof HttpErrorResponse) || !isErrorBody(err.error)) return {};
  const out: Record<string, string> = {};
  for (const d of err.error.details ?? []) out[d.path] ??= d.message;
  return out;
}
