import { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { Directive, afterRenderEffect, computed, inject, input } from '@angular/core';

/**
 * A virtual-scroll viewport as tall as its rows (header + rows × row height), capped by the page's CSS
 * `max-height`: a short list takes little room, a long one scrolls inside. The viewport measures its own
 * size only at start, so it is told to measure again whenever the height changes (else it renders rows
 * for the height it had with no rows at all).
 */
@Directive({
  selector: 'cdk-virtual-scroll-viewport[crmFitsRows]',
  host: { '[style.height.px]': 'height()' },
})
export class ViewportFitsRowsDirective {
  readonly crmFitsRows = input.required<number>();
  readonly crmRowHeight = input.required<number>();
  readonly crmHeaderHeight = input(0);

  protected readonly height = computed(() => this.crmHeaderHeight() + this.crmFitsRows() * this.crmRowHeight());

  constructor() {
    const viewport = inject(CdkVirtualScrollViewport);
    afterRenderEffect({
      read: () => {
        this.height();
        viewport.checkViewportSize();
      },
    });
  }
}
