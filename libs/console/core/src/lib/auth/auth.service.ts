import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AuthProvidersDto, AuthTokensDto, Role, UserDto } from '@mini-crm/contracts';
import { Observable, catchError, defer, from, map, of, tap } from 'rxjs';
import { apiUrl, publicRequest } from '../api/api-url.util';
import {
  AUTH_STORAGE_KEY,
  AuthSession,
  isSessionExpired,
  readSession,
  sessionFromTokens,
  writeSession,
} from './auth-session.util';
import { SingleFlight } from './single-flight.util';

const REFRESH_LOCK = 'mini-crm.console.refresh';

/**
 * The signed-in session: user and tokens (mirrored to localStorage so tabs share it),
 * sign-in/out calls and the single-flight token refresh the interceptor relies on.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly session = signal<AuthSession | null>(readSession());
  private readonly refreshFlight = new SingleFlight<string>();

  readonly user = computed<UserDto | null>(() => this.session()?.user ?? null);
  readonly isSignedIn = computed(() => this.session() !== null);
  readonly role = computed<Role | null>(() => this.user()?.role ?? null);
  readonly isAdmin = computed(() => this.role() === 'admin');
  /** Signed in but waiting for an admin's approval: only the waiting page is open to them. */
  readonly isPending = computed(() => this.user()?.status === 'pending');
  /** Admins and marketers change customers, segments and campaigns; viewers only read. */
  readonly canWrite = computed(() => this.role() === 'admin' || this.role() === 'marketer');

  constructor() {
    if (typeof window === 'undefined') return;
    // Another tab signed in, out or rotated the tokens: follow it.
    const onStorage = (event: StorageEvent) => {
      if (event.key === AUTH_STORAGE_KEY || event.key === null) this.session.set(readSession());
    };
    window.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', onStorage));
  }

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  isAccessTokenExpired(): boolean {
    const session = this.session();
    return !!session && isSessionExpired(session);
  }

  hasRole(roles: readonly Role[]): boolean {
    if (this.isPending()) return false;
    const role = this.role();
    return role !== null && roles.includes(role);
  }

  providers(): Observable<AuthProvidersDto> {
    return this.http.get<AuthProvidersDto>(apiUrl('/auth/providers'), publicRequest());
  }

  devLogin(email: string, name?: string): Observable<UserDto> {
    const body = name?.trim() ? { email: email.trim(), name: name.trim() } : { email: email.trim() };
    return this.signIn(this.http.post<AuthTokensDto>(apiUrl('/auth/dev-login'), body, publicRequest()));
  }

  /** The ID token the Google Identity Services button hands back. */
  googleCredential(credential: string): Observable<UserDto> {
    return this.signIn(this.http.post<AuthTokensDto>(apiUrl('/auth/google'), { credential }, publicRequest()));
  }

  /** Redirect flow: the one-time code on /auth/callback. */
  exchangeCode(code: string): Observable<UserDto> {
    return this.signIn(this.http.post<AuthTokensDto>(apiUrl('/auth/exchange'), { code }, publicRequest()));
  }

  /** Re-reads the signed-in user (role or active flag may have changed). */
  reloadUser(): Observable<UserDto> {
    return this.http.get<UserDto>(apiUrl('/auth/me')).pipe(
      tap((user) => {
        const current = this.session();
        if (current) this.store({ ...current, user });
      }),
    );
  }

  /**
   * New access token from the refresh token. Single flight: every caller during a refresh
   * shares the one request (the refresh token rotates, so a second request would be a reuse).
   * `staleAccessToken` is the token that just failed; if another tab already replaced it,
   * its session is adopted instead of refreshing again. On failure the session ends.
   */
  refresh(staleAccessToken?: string | null): Observable<string> {
    const stale = staleAccessToken ?? this.accessToken();
    return defer(() =>
      from(
        this.refreshFlight.run(() =>
          this.withRefreshLock(() => this.rotate(stale)).catch((err: unknown) => {
            this.endSession();
            throw err;
          }),
        ),
      ),
    );
  }

  /** Revokes the refresh token (best effort), forgets the session and shows the sign-in page. */
  signOut(): void {
    const session = this.session();
    this.clear();
    if (session) {
      this.http
        .post<void>(apiUrl('/auth/logout'), { refreshToken: session.refreshToken }, publicRequest())
        .pipe(catchError(() => of(undefined)))
        .subscribe();
    }
    void this.router.navigateByUrl('/login');
  }

  /** The session can no longer be renewed: forget it and ask to sign in again. */
  endSession(): void {
    const returnUrl = this.router.url;
    this.clear();
    const queryParams = returnUrl && returnUrl !== '/' && !returnUrl.startsWith('/login') ? { returnUrl } : {};
    void this.router.navigate(['/login'], { queryParams });
  }

  private signIn(request: Observable<AuthTokensDto>): Observable<UserDto> {
    return request.pipe(
      map((tokens) => {
        this.store(sessionFromTokens(tokens));
        return tokens.user;
      }),
    );
  }

  private async rotate(staleAccessToken: string | null): Promise<string> {
    // localStorage is the truth shared with other tabs; memory only if storage is unavailable.
    const latest = readSession() ?? this.session();
    if (latest && latest.accessToken !== staleAccessToken && !isSessionExpired(latest)) {
      this.session.set(latest);
      return latest.accessToken;
    }
    const refreshToken = latest?.refreshToken;
    if (!refreshToken) throw new Error('Not signed in');
    const tokens = await new Promise<AuthTokensDto>((resolve, reject) => {
      this.http
        .post<AuthTokensDto>(apiUrl('/auth/refresh'), { refreshToken }, publicRequest())
        .subscribe({ next: resolve, error: reject });
    });
    const next = sessionFromTokens(tokens);
    this.store(next);
    return next.accessToken;
  }

  /** Serialises refreshes across tabs where the Web Locks API exists. */
  private withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? (locks.request(REFRESH_LOCK, task) as Promise<T>) : task();
  }

  private store(session: AuthSession): void {
    writeSession(session);
    this.session.set(session);
  }

  private clear(): void {
    writeSession(null);
    this.session.set(null);
  }
}
