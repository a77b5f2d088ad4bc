import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { errorMessage } from '@mini-crm/console/ui';
import { ImportsApiService } from '../../data/imports-api.service';
import { IMPORT_FILE_EMPTY } from '@mini-crm/contracts';
import { columnsProblem } from '../column-mapping.util';
import { ImportDraft } from '../import-draft.service';

/** Step 1: what the file holds and the file itself; "Next" reads its first rows and the detected mapping. */
@Component({
  selector: 'crm-import-file-step',
  imports: [ReactiveFormsModule, MatButtonModule, MatButtonToggleModule, MatIconModule, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './file-step.component.html',
  styleUrl: './file-step.component.scss',
})
export class FileStepComponent {
  private readonly api = inject(ImportsApiService);
  protected readonly draft = inject(ImportDraft);

  /** The stepper shows this step now (its buttons only then). */
  readonly active = input(false);
  readonly read = output<void>();

  protected readonly dragging = signal(false);
  protected readonly busy = signal(false);

  protected dragOver(event: DragEvent, on: boolean): void {
    event.preventDefault();
    this.dragging.set(on);
  }

  protected dropped(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const file = event.dataTransfer?.files?.[0];
    if (file) this.draft.choose(file);
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.[0];
    if (file) this.draft.choose(file);
    input.value = '';
  }

  protected readFile(): void {
    const file = this.draft.file();
    if (!file || this.busy()) return;
    // Back to this step and on again with the same file and kind: keep the mapping as the user left it.
    if (this.draft.preview() && this.draft.fileReady.value) {
      this.read.emit();
      return;
    }
    this.busy.set(true);
    this.draft.error.set(null);
    if (file.size === 0) {
      this.busy.set(false);
      this.draft.error.set(IMPORT_FILE_EMPTY);
      return;
    }
    const kind = this.draft.kind.value;
    this.api.preview(file, kind, this.draft.readingOptions()).subscribe({
      next: (p) => {
        this.busy.set(false);
        this.draft.preview.set(p);
        this.draft.columns.set(p.mapping);
        this.draft.fileReady.setValue(true);
        this.draft.columnsReady.setValue(columnsProblem(p.rows.length, p.mapping, kind) === null);
        this.read.emit();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.draft.error.set(errorMessage(err));
      },
    });
  }
}
