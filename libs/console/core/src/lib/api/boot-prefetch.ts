import { HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { from, of, switchMap } from 'rxjs';
import { isSessionExpired, readSession } from '../auth/auth-session.util';

/** A prefetch nobody asked for within this time is dropped (the page went elsewhere). */
const PREFETCH_TTL_MS = 10_000;

interface EarlyGet {
  /** The Authorization header it was sent with (null: a public request). */
  authorization: string | null;
  startedAt: number;
  body: Promise<unknown>;
}

const early = new Map<string, EarlyGet>();

/**
 * Starts, before Angular boots (main.ts), a GET the first page is about to make, so the round trip
 * overlaps parsing and bootstrapping the app instead of following them. `auth`: sent with the stored
 * access token, and only while that token is valid (otherwise the page's own request refreshes it
 * first). `url` must be exactly what HttpClient will request (path and query string).
 */
export function prefetchGet(url: string, options: { auth: boolean }): void {
  let authorization: string | null = null;
  if (options.auth) {
    const session = readSession();
    if (!session || isSessionExpired(session)) return;
    authorization = `Bearer ${session.accessToken}`;
  }
  const body = fetch(url, { headers: authorization ? { authorization } : {} })
    .then((r) => (r.status === 200 ? r.json() : null))
    .catch(() => null);
  early.set(url, { authorization, startedAt: Date.now(), body });
}

/**
 * Answers a GET from its prefetch, once, when one was started for the same URL with the same
 * credentials; a failed or non-200 prefetch lets the request go out as usual (with the usual
 * refresh-and-retry). Runs after the auth interceptor, so it sees the header the request carries.
 */
export const prefetchInterceptor: HttpInterceptorFn = (req, next) => {
  const hit = req.method === 'GET' ? early.get(req.urlWithParams) : undefined;
  if (!hit) return next(req);
  early.delete(req.urlWithParams);
  const sameCaller = hit.authorization === (req.headers.get('Authorization') ?? null);
  if (!sameCaller || Date.now() - hit.startedAt > PREFETCH_TTL_MS) return next(req);
  return from(hit.body).pipe(
    switchMap((body) =>
      body === null ? next(req) : of(new HttpResponse({ status: 200, url: req.urlWithParams, body })),
    ),
  );
};
