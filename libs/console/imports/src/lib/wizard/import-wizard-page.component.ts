import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { StepperSelectionEvent } from '@angular/cdk/stepper';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { RouterLink } from '@angular/router';
import { PageHeaderComponent, errorMessage } from '@mini-crm/console/ui';
import type { DuplicatePolicy, ImportJobDto, ImportKindValue } from '@mini-crm/contracts';
import { Subscription } from 'rxjs';
import { ImportProgressService, ProgressTransport } from '../data/import-progress.service';
import { ImportsApiService } from '../data/imports-api.service';
import { ImportProgressComponent } from '../job/import-progress.component';
import { ImportSummaryComponent } from '../job/import-summary.component';
import { ImportDraft } from './import-draft.service';
import { ColumnsStepComponent } from './steps/columns-step.component';
import { FileStepComponent } from './steps/file-step.component';
import { OptionsStepComponent } from './steps/options-step.component';

const STEP = { file: 0, columns: 1, options: 2, progress: 3, summary: 4 } as const;

/** The import wizard: file → columns → options build an `ImportDraft`; then the job's progress and summary. */
@Component({
  selector: 'crm-import-wizard-page',
  imports: [
    RouterLink,
    MatStepperModule,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatSnackBarModule,
    PageHeaderComponent,
    FileStepComponent,
    ColumnsStepComponent,
    OptionsStepComponent,
    ImportProgressComponent,
    ImportSummaryComponent,
  ],
  providers: [ImportDraft],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-wizard-page.component.html',
  styleUrl: './import-wizard-page.component.scss',
})
export class ImportWizardPageComponent {
  private readonly api = inject(ImportsApiService);
  private readonly progress = inject(ImportProgressService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly stepper = viewChild.required(MatStepper);
  private watching: Subscription | null = null;

  protected readonly draft = inject(ImportDraft);
  protected readonly step = STEP;

  // Step controls of the last two steps (the draft holds the first two).
  protected readonly started = new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue });
  protected readonly finished = new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue });

  protected readonly current = signal(0);
  protected readonly job = signal<ImportJobDto | null>(null);
  protected readonly transport = signal<ProgressTransport | null>(null);
  protected readonly cancelling = signal(false);
  protected readonly locked = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.watching?.unsubscribe());
  }

  protected stepChanged(event: StepperSelectionEvent): void {
    this.current.set(event.selectedIndex);
  }

  protected next(): void {
    this.stepper().next();
  }

  protected begin(id: string): void {
    const file = this.draft.file();
    this.locked.set(true);
    this.started.setValue(true);
    this.job.set(placeholderJob(id, file?.name ?? '', this.draft.kind.value, this.draft.duplicatePolicy.value));
    this.stepper().next();
    this.follow(id);
  }

  protected cancel(): void {
    const job = this.job();
    if (!job || this.cancelling()) return;
    this.cancelling.set(true);
    this.api.cancel(job.id).subscribe({
      error: (err: unknown) => {
        this.cancelling.set(false);
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  protected restart(): void {
    this.watching?.unsubscribe();
    this.watching = null;
    this.job.set(null);
    this.transport.set(null);
    this.cancelling.set(false);
    this.locked.set(false);
    this.draft.reset();
    this.started.setValue(false);
    this.finished.setValue(false);
    this.stepper().reset();
    this.draft.kind.setValue(this.draft.kindValue());
  }

  private follow(id: string): void {
    this.watching?.unsubscribe();
    this.watching = this.progress.watch(id).subscribe({
      next: ({ job, transport }) => {
        this.job.set(job);
        this.transport.set(transport);
      },
      complete: () => {
        this.cancelling.set(false);
        this.finished.setValue(true);
        if (this.current() === STEP.progress) this.stepper().next();
      },
      error: (err: unknown) => this.draft.error.set(errorMessage(err)),
    });
  }
}

function placeholderJob(
  id: string,
  fileName: string,
  kind: ImportKindValue,
  duplicatePolicy: DuplicatePolicy,
): ImportJobDto {
  return {
    id,
    kind,
    fileName,
    status: 'queued',
    rows: 0,
    inserted: 0,
    updated: 0,
    duplicates: 0,
    failed: 0,
    warnings: 0,
    percent: 0,
    rowsPerSecond: 0,
    etaSeconds: null,
    message: null,
    duplicatePolicy,
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
  };
}
