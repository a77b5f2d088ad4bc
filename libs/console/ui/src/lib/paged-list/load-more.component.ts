import { ChangeDetectionStrategy, Component, Signal, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** The part of a `CursorPagedList` the button needs. */
export interface MorePages {
  readonly nextCursor: Signal<string | null>;
  readonly loading: Signal<boolean>;
  loadMore(): void;
}

/** The "Load more" row under a paged list; projected content shows instead once the list is complete. */
@Component({
  selector: 'crm-load-more',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (list().nextCursor()) {
      <div class="more" [class.divided]="divided()">
        <button
          mat-stroked-button
          (click)="list().loadMore()"
          [disabled]="list().loading()"
          [attr.data-testid]="testId()"
        >
          Load more
        </button>
      </div>
    } @else {
      <ng-content />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 16px;
    }
    .divided {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class LoadMoreComponent {
  readonly list = input.required<MorePages>();
  readonly testId = input.required<string>();
  /** A line above, where the list sits in a card. */
  readonly divided = input(true);
}
