import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** A failed request, said in a sentence, with a Retry button when the page can try again. */
@Component({
  selector: 'crm-error-banner',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'alert' },
  template: `
    <mat-icon>error_outline</mat-icon>
    <span>{{ message() }}</span>
    <button mat-button (click)="retry.emit()">Retry</button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 10px;
      margin: 16px;
      padding: 8px 8px 8px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    span {
      flex: 1;
    }
  `,
})
export class ErrorBannerComponent {
  readonly message = input.required<string>();
  readonly retry = output();
}
