import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

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
  /** For what cannot be undone: the go-ahead button waits until one of these is typed (case and spaces aside). */
  typeToConfirm?: string[];
}

/** Yes/no question; closes with `true` when confirmed. Open it through `ConfirmService`. */
@Component({
  selector: 'crm-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content
      ><p class="message">{{ data.message }}</p>
      @if (data.typeToConfirm?.length) {
        <mat-form-field appearance="outline" class="typed">
          <mat-label>Type {{ data.typeToConfirm?.join(' or ') }} to confirm</mat-label>
          <input
            matInput
            autocomplete="off"
            data-testid="confirm-typed"
            [value]="typed()"
            (input)="typed.set($any($event.target).value)"
          />
        </mat-form-field>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button [mat-dialog-close]="false" data-testid="confirm-cancel">{{ data.cancel ?? 'Cancel' }}</button>
      <button
        mat-flat-button
        [class.danger]="data.danger"
        [mat-dialog-close]="true"
        [disabled]="!typedOk()"
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
    .typed {
      width: 100%;
      margin-top: 16px;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  protected readonly typed = signal('');
  protected readonly typedOk = computed(() => {
    const wanted = this.data.typeToConfirm;
    if (!wanted?.length) return true;
    const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
    return wanted.some((w) => norm(w) !== '' && norm(w) === norm(this.typed()));
  });
}
