import { ChangeDetectionStrategy, Component, Signal, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ErrorBannerComponent } from '../errors/error-banner.component';

/** The part of a `CursorPagedList` the card shows. */
export interface ListStatus {
  readonly loading: Signal<boolean>;
  readonly error: Signal<string | null>;
  reload(): void;
}

/** The outlined card a list page's table sits in: a loading bar on top, the error banner with Retry, then the content. */
@Component({
  selector: 'crm-list-card',
  imports: [MatCardModule, MatProgressBarModule, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="table-card">
      @if (list().loading()) {
        <mat-progress-bar mode="indeterminate" class="progress" />
      }
      @if (list().error(); as message) {
        <crm-error-banner [message]="message" (retry)="list().reload()" [attr.data-testid]="errorTestId()" />
      }
      <ng-content />
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    .table-card {
      position: relative;
      overflow: hidden;
      border-radius: 16px;
      background: var(--mat-sys-surface);
      min-height: 120px;
    }
    .progress {
      position: absolute;
      inset: 0 0 auto;
      z-index: 2;
    }
  `,
})
export class ListCardComponent {
  readonly list = input.required<ListStatus>();
  readonly errorTestId = input<string | null>(null);
}
