import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

export interface ConfirmDeleteData {
  name: string;
}

/** Asks before a customer is deleted; closes with `true` to go ahead. */
@Component({
  selector: 'crm-confirm-delete-dialog',
  imports: [MatDialogModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Delete {{ data.name }}?</h2>
    <mat-dialog-content>
      The customer, their orders and their message history are removed for good. Segments and reports will no longer
      count them.
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button [mat-dialog-close]="false">Keep</button>
      <button mat-flat-button class="danger" [mat-dialog-close]="true" data-testid="customer-delete-confirm">
        Delete
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDeleteDialogComponent {
  protected readonly data = inject<ConfirmDeleteData>(MAT_DIALOG_DATA);
}
