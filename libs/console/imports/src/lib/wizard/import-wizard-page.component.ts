import {
  AfterViewInit,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { StepperSelectionEvent } from '@angular/cdk/stepper';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import { PageHeaderComponent, errorMessage } from '@mini-crm/console/ui';
import type { DuplicatePolicy, ImportJobDto, ImportKindValue } from '@mini-crm/contracts';
import { Subscription } from 'rxjs';
import { ImportProgressService, ProgressTransport } from '../data/import-progress.service';
import { ImportsApiService } from '../data/imports-api.service';
import { ImportProgressComponent } from '../job/import-progress.component';
import { ImportSummaryComponent } from '../job/import-summary.component';
import { ImportDraft } from './import-draft.service';
import { WIZARD_STEP_NAMES, reachableStep, stepFromParam } from './wizard-url.util';
import { ColumnsStepComponent } from './steps/columns-step.component';
import { FileStepComponent } from './steps/file-step.component';
import { OptionsStepComponent } from './steps/options-step.component';

const STEP = { file: 0, columns: 1, options: 2, progress: 3, summary: 4 } as const;

/**
 * The import wizard: file → columns → options build an `ImportDraft`; then the job's progress and summary.
 * The URL follows it: `?step=columns|options` (browser Back/Forward move between steps, the draft and its mapping
 * stay), then `?job=<id>` once the import runs, so a refresh comes back to the job's live progress.
 */
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
export class ImportWizardPageComponent implements AfterViewInit {
  private readonly api = inject(ImportsApiService);
  private readonly progress = inject(ImportProgressService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
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
    this.destroyRef.onDestroy(() => this.watching?.unsubscribe());
  }

  ngAfterViewInit(): void {
    const sub = this.route.queryParamMap.subscribe((params) => this.fromUrl(params));
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  protected stepChanged(event: StepperSelectionEvent): void {
    this.current.set(event.selectedIndex);
    if (this.locked() || event.selectedIndex > STEP.options) return;
    const step = WIZARD_STEP_NAMES[event.selectedIndex];
    const inUrl = stepFromParam(this.route.snapshot.queryParamMap.get('step'));
    if (inUrl === event.selectedIndex) return;
    // Forward adds a history entry (so browser Back returns here); Back replaces the current one.
    this.setUrl({ step: step === 'file' ? null : step }, event.selectedIndex < inUrl);
  }

  /** The URL changed (Back/Forward, a refresh, a link): show its step or its job. */
  private fromUrl(params: ParamMap): void {
    const jobId = params.get('job');
    if (jobId) {
      if (this.job()?.id !== jobId) this.resume(jobId);
      return;
    }
    const job = this.job();
    if (this.locked() && job) {
      // The import has started: the steps before it cannot be edited any more; stay on its progress.
      this.setUrl({ job: job.id, step: null }, true);
      return;
    }
    const wanted = stepFromParam(params.get('step'));
    const step = reachableStep(wanted, {
      fileRead: this.draft.fileReady.value,
      columnsConfirmed: this.draft.columnsReady.value,
    });
    if (step !== wanted) this.setUrl({ step: step === STEP.file ? null : WIZARD_STEP_NAMES[step] }, true);
    if (this.stepper().selectedIndex !== step) this.stepper().selectedIndex = step;
  }

  /** After a refresh or from a link: the running (or finished) job, its progress live. */
  private resume(id: string): void {
    this.locked.set(true);
    this.draft.fileReady.setValue(true);
    this.draft.columnsReady.setValue(true);
    this.started.setValue(true);
    this.finished.setValue(false);
    this.job.set(null);
    // A linear stepper only jumps past steps the user went through: these were, before the refresh.
    this.stepper()
      .steps.toArray()
      .slice(0, STEP.progress)
      .forEach((step) => (step.interacted = true));
    this.stepper().selectedIndex = STEP.progress;
    this.follow(id);
  }

  private setUrl(queryParams: Record<string, string | null>, replaceUrl: boolean): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl });
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
    this.setUrl({ job: id, step: null }, true);
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
    this.setUrl({ job: null, step: null }, false);
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
    consent: null,
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
  };
}
