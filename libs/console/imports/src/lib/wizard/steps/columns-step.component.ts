import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatStepperModule } from '@angular/material/stepper';
import { MatTooltipModule } from '@angular/material/tooltip';
import { countOf, errorMessage } from '@mini-crm/console/ui';
import type { ColumnMappingDto } from '@mini-crm/contracts';
import { EMPTY, Subject, catchError, debounceTime, switchMap } from 'rxjs';
import { ImportsApiService } from '../../data/imports-api.service';
import {
  FIELD_TARGETS,
  IGNORE,
  assignTarget,
  attributeTarget,
  isAttribute,
  mappingPayload,
  columnsProblem,
  previewRowState,
  sampleValues,
} from '../column-mapping.util';
import { ImportDraft } from '../import-draft.service';

const DELIMITERS: Record<string, string> = {
  ',': 'comma-separated',
  ';': 'semicolon-separated',
  '\t': 'tab-separated',
};

/** Step 2: where each column goes, with the first rows re-read as the mapping changes. */
@Component({
  selector: 'crm-import-columns-step',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatStepperModule,
    MatTooltipModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './columns-step.component.html',
  styleUrl: './columns-step.component.scss',
})
export class ColumnsStepComponent {
  private readonly api = inject(ImportsApiService);
  private readonly remap = new Subject<void>();
  protected readonly draft = inject(ImportDraft);

  /** The stepper shows this step now (its buttons only then). */
  readonly active = input(false);
  readonly confirmed = output<void>();

  protected readonly ignore = IGNORE;
  protected readonly refreshing = signal(false);
  protected readonly fieldTargets = computed(() => FIELD_TARGETS[this.draft.kindValue()]);
  protected readonly problem = computed(() =>
    columnsProblem(this.rows().length, this.draft.columns(), this.draft.kindValue()),
  );
  protected readonly rows = computed(() => this.draft.preview()?.rows ?? []);
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
    const p = this.draft.preview();
    if (!p) return '';
    return `${p.encoding.toUpperCase()} · ${DELIMITERS[p.delimiter] ?? `“${p.delimiter}”-separated`} · ${countOf(p.headers.length, 'column')}`;
  });

  constructor() {
    this.remap
      .pipe(
        debounceTime(350),
        switchMap(() => {
          const file = this.draft.file();
          if (!file) return EMPTY;
          this.refreshing.set(true);
          return this.api
            .preview(file, this.draft.kind.value, {
              ...this.draft.readingOptions(),
              mapping: mappingPayload(this.draft.columns()),
            })
            .pipe(
              catchError((err: unknown) => {
                this.refreshing.set(false);
                this.draft.error.set(errorMessage(err));
                return EMPTY;
              }),
            );
        }),
      )
      .subscribe((p) => {
        this.refreshing.set(false);
        this.draft.error.set(null);
        this.draft.preview.set(p);
      });
    inject(DestroyRef).onDestroy(() => this.remap.complete());
  }

  protected setTarget(column: ColumnMappingDto, target: string): void {
    const next = assignTarget(
      this.draft.columns(),
      column.index,
      target === 'attribute' ? attributeTarget(column) : target,
    );
    this.draft.columns.set(next);
    this.draft.columnsReady.setValue(columnsProblem(this.rows().length, next, this.draft.kind.value) === null);
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

  protected confirm(): void {
    if (this.problem()) return;
    this.draft.columnsReady.setValue(true);
    this.confirmed.emit();
  }
}
