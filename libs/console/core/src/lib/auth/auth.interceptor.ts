import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, of, switchMap, throwError } from 'rxjs';
import { SKIP_AUTH, isApiUrl } from '../api/api-url.util';
import { AuthService } from './auth.service';

function withBearer<T>(req: HttpRequest<T>, token: string): HttpRequest<T> {
  return req.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
}

/**
 * Adds the bearer token to API calls. An expired token is refreshed before sending; a 401
 * triggers one refresh (shared by concurrent requests) and one retry. If the refresh fails,
 * AuthService ends the session and routes to /login.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiUrl(req.url) || req.context.get(SKIP_AUTH)) return next(req);
  const auth = inject(AuthService);
  const token = auth.accessToken();
  if (!token) return next(req);

  const refreshedFirst = auth.isAccessTokenExpired();
  const token$ = refreshedFirst ? auth.refresh(token) : of(token);
  return token$.pipe(
    switchMap((current) =>
      next(withBearer(req, current)).pipe(
        catchError((err: unknown) => {
          if (refreshedFirst || !(err instanceof HttpErrorResponse) || err.status !== 401) return throwError(() => err);
          return auth.refresh(current).pipe(switchMap((fresh) => next(withBearer(req, fresh))));
        }),
      ),
    ),
  );
};
