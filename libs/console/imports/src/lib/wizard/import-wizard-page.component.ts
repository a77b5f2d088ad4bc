import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { StepperSelectionEvent } from '@angular/cdk/stepper';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { PageHeaderComponent, errorMessage } from '@mini-crm/console/ui';
import type {
  ColumnMappingDto,
  DuplicatePolicy,
  ImportJobDto,
  ImportKindValue,
  ImportPreviewDto,
} from '@mini-crm/contracts';
import { Subject, Subscription, debounceTime, switchMap, catchError, EMPTY } from 'rxjs';
import { ImportProgressService, ProgressTransport } from '../data/import-progress.service';
import { ImportsApiService } from '../data/imports-api.service';
import { formatBytes } from '../format/import-format.util';
import { ImportProgressComponent } from '../job/import-progress.component';
import { ImportSummaryComponent } from '../job/import-summary.component';
import {
  FIELD_TARGETS,
  IGNORE,
  assignTarget,
  attributeTarget,
  isAttribute,
  mappingPayload,
  mappingProblem,
  previewRowState,
  sampleValues,
} from './column-mapping.util';
import { countryOptions } from './country-options.util';

const STEP = { file: 0, columns: 1, options: 2, progress: 3, summary: 4 } as const;

const POLICIES: readonly { value: DuplicatePolicy; label: string; description: string }[] = [
  {
    value: 'skip',
    label: 'Skip',
    description: 'Keep what is stored; the duplicate row is counted and left out. Safe to re-run the same file.',
  },
  { value: 'update', label: 'Update', description: 'The file wins: non-empty cells overwrite stored values.' },
  { value: 'merge', label: 'Merge', description: 'Fill only empty fields and add new tags; stored values stay.' },
];

const DELIMITERS: Record<string, string> = {
  ',': 'comma-separated',
  ';': 'semicolon-separated',
  '\t': 'tab-separated',
};

@Component({
  selector: 'crm-import-wizard-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatStepperModule,
    MatCardModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatSelectModule,
    MatRadioModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSnackBarModule,
    MatTooltipModule,
    PageHeaderComponent,
    ImportProgressComponent,
    ImportSummaryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-wizard-page.component.html',
  styleUrl: './import-wizard-page.component.scss',
})
export class ImportWizardPageComponent {
  private readonly api = inject(ImportsApiService);
  private readonly progress = inject(ImportProgressService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly stepper = viewChild.required(MatStepper);
  private readonly remap = new Subject<void>();
  private watching: Subscription | null = null;

  protected readonly step = STEP;
  protected readonly policies = POLICIES;
  protected readonly countries = countryOptions('IN');
  protected readonly ignore = IGNORE;

  // One control per step: the stepper (linear) only moves past a step whose control is valid.
  protected readonly fileReady = new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue });
  protected readonly columnsReady = new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue });
  protected readonly started = new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue });
  protected readonly finished = new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue });

  protected readonly kind = new FormControl<ImportKindValue>('customers', { nonNullable: true });
  protected readonly duplicatePolicy = new FormControl<DuplicatePolicy>('skip', { nonNullable: true });
  protected readonly defaultCountry = new FormControl('IN', { nonNullable: true });
  protected readonly dateOrder = new FormControl<'dmy' | 'mdy'>('dmy', { nonNullable: true });

  protected readonly current = signal(0);
  protected readonly file = signal<File | null>(null);
  protected readonly dragging = signal(false);
  protected readonly busy = signal(false);
  protected readonly refreshing = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly preview = signal<ImportPreviewDto | null>(null);
  protected readonly columns = signal<ColumnMappingDto[]>([]);
  protected readonly job = signal<ImportJobDto | null>(null);
  protected readonly transport = signal<ProgressTransport | null>(null);
  protected readonly cancelling = signal(false);
  protected readonly locked = signal(false);
  protected readonly kindValue = signal<ImportKindValue>('customers');

  protected readonly fileSize = computed(() => formatBytes(this.file()?.size ?? 0));
  protected readonly fieldTargets = computed(() => FIELD_TARGETS[this.kindValue()]);
  protected readonly problem = computed(() => mappingProblem(this.columns(), this.kindValue()));
  protected readonly rows = computed(() => this.preview()?.rows ?? []);
  protected readonly rowStates = computed(() => this.rows().map(previewRowState));
  protected readonly previewSummary = computed(() => {
    const states = this.rowStates();
    return {
      ok: states.filter((s) => s === 'ok').length,
      warning: states.filter((s) => s === 'warning').length,
      error: states.filter((s) => s === 'error').length,
    };
  });
  protected readonly detected = computed(() => {
    const p = this.preview();
    if (!p) return '';
    return `${p.encoding.toUpperCase()} · ${DELIMITERS[p.delimiter] ?? `“${p.delimiter}”-separated`} · ${p.headers.length} columns`;
  });

  constructor() {
    this.kind.valueChanges.subscribe((k) => {
      this.kindValue.set(k);
      this.resetPreview();
    });
    this.remap
      .pipe(
        debounceTime(350),
        switchMap(() => {
          const file = this.file();
          if (!file) return EMPTY;
          this.refreshing.set(true);
          return this.api
            .preview(file, this.kind.value, {
              mapping: mappingPayload(this.columns()),
              defaultCountry: this.defaultCountry.value,
              dateOrder: this.dateOrder.value,
            })
            .pipe(
              catchError((err: unknown) => {
                this.refreshing.set(false);
                this.error.set(errorMessage(err));
                return EMPTY;
              }),
            );
        }),
      )
      .subscribe((p) => {
        this.refreshing.set(false);
        this.error.set(null);
        this.preview.set(p);
      });
    inject(DestroyRef).onDestroy(() => {
      this.watching?.unsubscribe();
      this.remap.complete();
    });
  }

  protected stepChanged(event: StepperSelectionEvent): void {
    this.current.set(event.selectedIndex);
  }

  protected dragOver(event: DragEvent, on: boolean): void {
    event.preventDefault();
    this.dragging.set(on);
  }

  protected dropped(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const file = event.dataTransfer?.files?.[0];
    if (file) this.choose(file);
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.[0];
    if (file) this.choose(file);
    input.value = '';
  }

  protected clearFile(): void {
    this.file.set(null);
    this.resetPreview();
  }

  /** File step → columns: read the first rows and the detected mapping. */
  protected readFile(): void {
    const file = this.file();
    if (!file || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.api
      .preview(file, this.kind.value, { defaultCountry: this.defaultCountry.value, dateOrder: this.dateOrder.value })
      .subscribe({
        next: (p) => {
          this.busy.set(false);
          this.preview.set(p);
          this.columns.set(p.mapping);
          this.fileReady.setValue(true);
          this.columnsReady.setValue(mappingProblem(p.mapping, this.kind.value) === null);
          this.stepper().next();
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(errorMessage(err));
        },
      });
  }

  protected setTarget(column: ColumnMappingDto, target: string): void {
    const next = assignTarget(this.columns(), column.index, target === 'attribute' ? attributeTarget(column) : target);
    this.columns.set(next);
    this.columnsReady.setValue(mappingProblem(next, this.kind.value) === null);
    this.remap.next();
  }

  /** The select's value for a column: attribute targets share one option. */
  protected selectValue(column: ColumnMappingDto): string {
    return isAttribute(column.target) ? 'attribute' : column.target;
  }

  protected attributeName(column: ColumnMappingDto): string {
    return isAttribute(column.target)
      ? column.target.slice('attributes.'.length)
      : attributeTarget(column).slice('attributes.'.length);
  }

  protected samples(index: number): string[] {
    return sampleValues(this.rows(), index);
  }

  protected issuesOf(rowIndex: number): string {
    return (this.rows()[rowIndex]?.issues ?? [])
      .map((i) => `${i.severity === 'error' ? 'Error' : 'Warning'} · ${i.column || 'row'}: ${i.message}`)
      .join('  ·  ');
  }

  protected confirmColumns(): void {
    if (this.problem()) return;
    this.columnsReady.setValue(true);
    this.stepper().next();
  }

  protected start(): void {
    const file = this.file();
    if (!file || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.api
      .start(file, {
        kind: this.kind.value,
        duplicatePolicy: this.duplicatePolicy.value,
        defaultCountry: this.defaultCountry.value,
        dateOrder: this.dateOrder.value,
        mapping: mappingPayload(this.columns()),
      })
      .subscribe({
        next: ({ id }) => {
          this.busy.set(false);
          this.locked.set(true);
          this.started.setValue(true);
          this.job.set(placeholderJob(id, file.name, this.kind.value, this.duplicatePolicy.value));
          this.stepper().next();
          this.follow(id);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(errorMessage(err));
        },
      });
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
    this.file.set(null);
    this.resetPreview();
    this.started.setValue(false);
    this.finished.setValue(false);
    this.duplicatePolicy.setValue('skip');
    this.stepper().reset();
    this.kind.setValue(this.kindValue());
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
      error: (err: unknown) => this.error.set(errorMessage(err)),
    });
  }

  private choose(file: File): void {
    this.file.set(file);
    this.error.set(null);
    this.resetPreview();
  }

  private resetPreview(): void {
    this.preview.set(null);
    this.columns.set([]);
    this.fileReady.setValue(false);
    this.columnsReady.setValue(false);
    this.error.set(null);
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
