import { HttpContext, HttpContextToken, HttpParams } from '@angular/common/http';

/** The API is served from the same origin under `/api`. */
export const API_PREFIX = '/api';

export function apiUrl(path: string): string {
  return `${API_PREFIX}${path.startsWith('/') ? path : `/${path}`}`;
}

export function isApiUrl(url: string): boolean {
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`);
}

/** Query params without the empty ones, so optional filters can be passed as-is. */
export function toHttpParams(query: Record<string, string | number | boolean | null | undefined>): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}

/** Set on requests that must go out without a bearer token and never trigger a refresh (sign-in, refresh, logout). */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

export function publicRequest(): { context: HttpContext } {
  return { context: new HttpContext().set(SKIP_AUTH, true) };
}
