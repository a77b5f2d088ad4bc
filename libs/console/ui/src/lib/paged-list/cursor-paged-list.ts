import { DestroyRef, inject, signal } from '@angular/core';
import { EMPTY, Observable, Subject, catchError, map, switchMap, tap } from 'rxjs';
import { errorMessage } from '../errors/error-message.util';

/** What every API list answers for `?limit=&cursor=`. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type PageFetch<T, Q> = (query: Q, cursor: string | null) => Observable<CursorPage<T>>;

/**
 * A keyset-paged list as signals: `load(query)` replaces the rows with the first page (a newer request
 * cancels an older one), `loadMore()` appends the next page, `reload()` re-reads the first page of the
 * current query. Errors land in `error` as a sentence; the rows stay.
 */
export class CursorPagedList<T, Q> {
  private readonly requests = new Subject<{ query: Q; cursor: string | null }>();
  private readonly rows = signal<T[]>([]);
  private readonly next = signal<string | null>(null);
  private readonly busy = signal(false);
  private readonly done = signal(false);
  private readonly failure = signal<string | null>(null);
  private current: Q | undefined;

  readonly items = this.rows.asReadonly();
  readonly nextCursor = this.next.asReadonly();
  readonly loading = this.busy.asReadonly();
  /** True once a first page has arrived: "empty" means empty only then. */
  readonly loaded = this.done.asReadonly();
  readonly error = this.failure.asReadonly();

  constructor(fetch: PageFetch<T, Q>, destroyRef: DestroyRef, onPage?: (page: CursorPage<T>) => void) {
    const subscription = this.requests
      .pipe(
        tap(() => {
          this.busy.set(true);
          this.failure.set(null);
        }),
        switchMap(({ query, cursor }) =>
          fetch(query, cursor).pipe(
            map((page) => ({ page, append: cursor !== null })),
            catchError((err: unknown) => {
              this.failure.set(errorMessage(err));
              this.busy.set(false);
              return EMPTY;
            }),
          ),
        ),
      )
      .subscribe(({ page, append }) => {
        this.rows.update((list) => (append ? [...list, ...page.items] : page.items));
        this.next.set(page.nextCursor);
        this.busy.set(false);
        this.done.set(true);
        onPage?.(page);
      });
    destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  /** The query of the last `load`. */
  get query(): Q | undefined {
    return this.current;
  }

  load(query: Q): void {
    this.current = query;
    this.requests.next({ query, cursor: null });
  }

  reload(): void {
    this.requests.next({ query: this.current as Q, cursor: null });
  }

  loadMore(): void {
    const cursor = this.next();
    if (cursor) this.requests.next({ query: this.current as Q, cursor });
  }

  /** Changes rows in place (an edited or deleted row) without re-reading. */
  update(change: (rows: T[]) => T[]): void {
    this.rows.update(change);
  }
}

/** A `CursorPagedList` that stops with the component that made it (call in an injection context). */
export function cursorPagedList<T, Q = void>(
  fetch: PageFetch<T, Q>,
  onPage?: (page: CursorPage<T>) => void,
): CursorPagedList<T, Q> {
  return new CursorPagedList(fetch, inject(DestroyRef), onPage);
}
