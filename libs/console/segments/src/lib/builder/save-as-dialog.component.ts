import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { errorMessage } from '@mini-crm/console/ui';
import type { SegmentDto } from '@mini-crm/contracts';
import type { Observable } from 'rxjs';

export interface SaveAsDialogData {
  name: string;
  description: string;
  save: (name: string, description: string) => Observable<SegmentDto>;
}

/** Name and describe a copy of the segment; stays open with the reason when the name is taken. */
@Component({
  selector: 'crm-save-as-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Save as a new segment</h2>
    <mat-dialog-content class="content">
      <p class="hint">The current rules are saved under a new name; the original segment is left unchanged.</p>
      <mat-form-field>
        <mat-label>Name</mat-label>
        <input
          matInput
          [value]="name()"
          (input)="name.set(text($event))"
          maxlength="120"
          required
          cdkFocusInitial
          data-testid="save-as-name"
        />
        @if (error()) {
          <mat-hint class="error" data-testid="save-as-error">{{ error() }}</mat-hint>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Description (optional)</mat-label>
        <textarea
          matInput
          rows="2"
          [value]="description()"
          (input)="description.set(text($event))"
          maxlength="1000"
        ></textarea>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>Cancel</button>
      <button mat-flat-button (click)="submit()" [disabled]="busy() || !name().trim()" data-testid="save-as-confirm">
        @if (busy()) {
          <mat-spinner diameter="18" />
        } @else {
          Save copy
        }
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(420px, 80vw);
    }
    .hint {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class SaveAsDialogComponent {
  private readonly data = inject<SaveAsDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SaveAsDialogComponent, SegmentDto>>(MatDialogRef);
  protected readonly name = signal(this.data.name);
  protected readonly description = signal(this.data.description);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected submit(): void {
    const name = this.name().trim();
    if (!name || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.data.save(name, this.description().trim()).subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(
          err instanceof HttpErrorResponse && err.status === 409
            ? `A segment named “${name}” already exists. Choose another name.`
            : errorMessage(err),
        );
      },
    });
  }
}
