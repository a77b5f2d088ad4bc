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
  /** Set once the body has arrived (null: failed or not 200), so the page's request is answered synchronously. */
  settled?: { body: unknown };
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
  const entry: EarlyGet = {
    authorization,
    startedAt: Date.now(),
    body: fetch(url, { headers: authorization ? { authorization } : {} })
      .then((r) => (r.status === 200 ? r.json() : null))
      .catch(() => null),
  };
  void entry.body.then((body) => (entry.settled = { body }));
  early.set(url, entry);
}

/**
 * Answers a GET from its prefetch, once, when one was started for the same URL with the same
 * credentials; a failed or non-200 prefetch lets the request go out as usual (with the usual
 * refresh-and-retry). Runs after the auth interceptor, so it sees the header the request carries.
 * A prefetch that has already arrived answers synchronously: the landing page then has its rows in its
 * very first render instead of one change detection and a frame or two later.
 */
export const prefetchInterceptor: HttpInterceptorFn = (req, next) => {
  const hit = req.method === 'GET' ? early.get(req.urlWithParams) : undefined;
  if (!hit) return next(req);
  early.delete(req.urlWithParams);
  const sameCaller = hit.authorization === (req.headers.get('Authorization') ?? null);
  if (!sameCaller || Date.now() - hit.startedAt > PREFETCH_TTL_MS) return next(req);
  const answer = (body: unknown) =>
    body === null ? next(req) : of(new HttpResponse({ status: 200, url: req.urlWithParams, body }));
  return hit.settled ? answer(hit.settled.body) : from(hit.body).pipe(switchMap(answer));
};
