import { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { Directive, Signal, effect, inject, input, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { MorePages } from './load-more.component';

/** The part of a `CursorPagedList` that keyset scrolling needs. */
export interface ScrollPages extends MorePages {
  readonly items: Signal<readonly unknown[]>;
  readonly error: Signal<string | null>;
}

/**
 * On a virtual-scroll viewport: asks the list for its next page (keyset cursor) once the rendered rows
 * come within `crmLoadNearEndRows` (20) of the last loaded one, so scrolling continues through every page.
 * Stops while a page is loading and after an error (Retry, or the "Load more" button, resumes).
 */
@Directive({ selector: 'cdk-virtual-scroll-viewport[crmLoadNearEnd]' })
export class LoadNearEndDirective {
  readonly list = input.required<ScrollPages>({ alias: 'crmLoadNearEnd' });
  /** How close to the last loaded row (in rows) the next page is asked for. */
  readonly crmLoadNearEndRows = input(20);

  private readonly range = toSignal(inject(CdkVirtualScrollViewport).renderedRangeStream, {
    initialValue: { start: 0, end: 0 },
  });

  constructor() {
    effect(() => {
      const list = this.list();
      const loaded = list.items().length;
      const nearEnd = loaded > 0 && this.range().end >= loaded - this.crmLoadNearEndRows();
      if (nearEnd && list.nextCursor() && !list.loading() && !list.error()) untracked(() => list.loadMore());
    });
  }
}
