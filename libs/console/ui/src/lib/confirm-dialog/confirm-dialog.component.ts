import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

export interface ConfirmDialogData {
  title: string;
  message: string;
  /** Label of the button that goes ahead. */
  confirm: string;
  /** Label of the button that backs out; "Cancel" unless given. */
  cancel?: string;
  /** Paints the go-ahead button in the error colour (deleting, cancelling for good). */
  danger?: boolean;
  /** Test id of the go-ahead button; "confirm-ok" unless given. */
  confirmTestId?: string;
}

/** Yes/no question; closes with `true` when confirmed. Open it through `ConfirmService`. */
@Component({
  selector: 'crm-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content
      ><p class="message">{{ data.message }}</p></mat-dialog-content
    >
    <mat-dialog-actions align="end">
      <button mat-button [mat-dialog-close]="false" data-testid="confirm-cancel">{{ data.cancel ?? 'Cancel' }}</button>
      <button
        mat-flat-button
        [class.danger]="data.danger"
        [mat-dialog-close]="true"
        [attr.data-testid]="data.confirmTestId ?? 'confirm-ok'"
      >
        {{ data.confirm }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .message {
      margin: 0;
      max-width: 440px;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}
