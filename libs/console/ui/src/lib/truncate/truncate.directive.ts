import {
  DestroyRef,
  Directive,
  ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatTooltip } from '@angular/material/tooltip';

/**
 * One line with an ellipsis for values of any length (a 190-character name, a long email, emoji): the element
 * never grows past its container, and when the text is cut the whole value shows on hover and on keyboard focus.
 *
 * `<span [crmTruncate]="c.email">{{ c.email }}</span>`; the container must let it shrink (a table cell with a
 * `max-width`, a flex child with `min-width: 0`). Styles: `.crm-truncate` in the console's global styles.
 */
@Directive({
  selector: '[crmTruncate]',
  hostDirectives: [MatTooltip],
  host: {
    class: 'crm-truncate',
    '[attr.tabindex]': 'cut() ? 0 : null',
    '[attr.data-truncated]': 'cut() ? "" : null',
  },
})
export class TruncateDirective {
  /** The whole value (what the tooltip shows). */
  readonly crmTruncate = input.required<string | null | undefined>();

  private readonly el = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly tooltip = inject(MatTooltip, { self: true });
  private readonly injector = inject(Injector);
  /** Whether the text is cut right now. */
  protected readonly cut = signal(false);

  constructor() {
    this.tooltip.position = 'above';
    this.tooltip.disabled = true;
    effect(() => {
      this.tooltip.message = this.crmTruncate() ?? '';
      afterNextRender(() => this.measure(), { injector: this.injector });
    });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.measure()) : null;
    afterNextRender(() => observer?.observe(this.el));
    inject(DestroyRef).onDestroy(() => observer?.disconnect());
  }

  private measure(): void {
    const cut = this.el.scrollWidth > this.el.clientWidth + 1;
    this.cut.set(cut);
    this.tooltip.disabled = !cut;
  }
}
