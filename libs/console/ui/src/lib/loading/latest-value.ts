import { DestroyRef, inject, signal } from '@angular/core';
import { EMPTY, Observable, Subject, catchError, switchMap, tap } from 'rxjs';
import { errorMessage } from '../errors/error-message.util';

/**
 * One GET as signals: `load(query)` fetches (a newer request cancels an older one), `reload()` repeats the
 * last query. The last good value stays while a new one loads or fails; a failure lands in `error` as a
 * sentence. Shape-compatible with `crm-list-card`'s status.
 */
export class LatestValue<T, Q> {
  private readonly requests = new Subject<Q>();
  private readonly data = signal<T | null>(null);
  private readonly busy = signal(false);
  private readonly failure = signal<string | null>(null);
  private current: Q | undefined;
  private started = false;

  readonly value = this.data.asReadonly();
  readonly loading = this.busy.asReadonly();
  readonly error = this.failure.asReadonly();

  constructor(fetch: (query: Q) => Observable<T>, destroyRef: DestroyRef) {
    const subscription = this.requests
      .pipe(
        tap(() => {
          this.busy.set(true);
          this.failure.set(null);
        }),
        switchMap((query) =>
          fetch(query).pipe(
            catchError((err: unknown) => {
              this.failure.set(errorMessage(err));
              this.busy.set(false);
              return EMPTY;
            }),
          ),
        ),
      )
      .subscribe((value) => {
        this.data.set(value);
        this.busy.set(false);
      });
    destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  load(query: Q): void {
    this.current = query;
    this.started = true;
    this.requests.next(query);
  }

  reload(): void {
    if (this.started) this.requests.next(this.current as Q);
  }
}

/** A `LatestValue` that stops with the component that made it (call in an injection context). */
export function latestValue<T, Q = void>(fetch: (query: Q) => Observable<T>): LatestValue<T, Q> {
  return new LatestValue(fetch, inject(DestroyRef));
}
