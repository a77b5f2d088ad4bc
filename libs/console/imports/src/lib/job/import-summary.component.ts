import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { errorMessage, saveFile, FORMAT_PIPES } from '@mini-crm/console/ui';
import type { ImportJobDto } from '@mini-crm/contracts';
import { ImportsApiService } from '../data/imports-api.service';

import { IMPORT_STATUS_LABELS, formatCount, hasErrorReport, jobDuration } from '../format/import-format.util';

interface CountTile {
  key: 'rows' | 'inserted' | 'updated' | 'duplicates' | 'failed' | 'warnings';
  label: string;
  hint: string;
  tone: 'neutral' | 'good' | 'info' | 'warn' | 'bad';
}

const TILES: readonly CountTile[] = [
  { key: 'rows', label: 'Rows', hint: 'data rows read from the file', tone: 'neutral' },
  { key: 'inserted', label: 'Inserted', hint: 'new records', tone: 'good' },
  { key: 'updated', label: 'Updated', hint: 'existing records changed', tone: 'info' },
  { key: 'duplicates', label: 'Duplicates', hint: 'already known, left as they were', tone: 'neutral' },
  { key: 'failed', label: 'Failed', hint: 'rows not imported', tone: 'bad' },
  { key: 'warnings', label: 'Warnings', hint: 'imported without a bad value', tone: 'warn' },
];

/** Outcome of a finished import: status, the counts and the error report. Projected content becomes the actions. */
@Component({
  selector: 'crm-import-summary',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, MatSnackBarModule, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let j = job();
    <div class="banner" [class]="'banner ' + j.status" data-testid="import-summary" [attr.data-status]="j.status">
      <mat-icon>{{ icon() }}</mat-icon>
      <div>
        <h3>{{ headline() }}</h3>
        <p>
          {{ j.fileName }} · {{ j.kind === 'orders' ? 'Orders' : 'Customers' }} · {{ statusLabels[j.status] }}
          @if (j.finishedAt) {
            {{ j.finishedAt | crmDateTime }} · took {{ duration() }}
          }
        </p>
        @if (j.message) {
          <p class="message" data-testid="import-message">{{ j.message }}</p>
        }
      </div>
    </div>

    <div class="tiles">
      @for (t of tiles; track t.key) {
        <div class="tile" [class]="'tile ' + t.tone" [class.zero]="j[t.key] === 0">
          <span class="label">{{ t.label }}</span>
          <span class="value" [attr.data-testid]="'import-count-' + t.key">{{ count(j[t.key]) }}</span>
          <span class="hint">{{ t.hint }}</span>
        </div>
      }
    </div>
    <p class="identity">
      Rows = inserted + updated + duplicates + failed. Warnings are rows that were imported with one value left out.
    </p>

    <div class="actions">
      @if (hasReport()) {
        <button mat-flat-button (click)="download()" [disabled]="downloading()" data-testid="import-errors-download">
          @if (downloading()) {
            <mat-spinner diameter="18" />
          } @else {
            <mat-icon>download</mat-icon>
          }
          Download error report
        </button>
      }
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .banner {
      display: flex;
      gap: 16px;
      align-items: flex-start;
      padding: 16px 20px;
      border-radius: 16px;
      margin-bottom: 20px;
      background: var(--mat-sys-surface-container);
    }
    .banner mat-icon {
      flex: none;
      font-size: 32px;
      width: 32px;
      height: 32px;
    }
    .banner.completed {
      background: #e3f6e8;
      color: #0d5224;
    }
    .banner.failed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .banner.cancelled {
      background: #fdf1d8;
      color: #5c4100;
    }
    h3 {
      margin: 2px 0 4px;
      font: var(--mat-sys-title-large);
    }
    p {
      margin: 0;
      font: var(--mat-sys-body-medium);
      opacity: 0.9;
    }
    .message {
      margin-top: 6px;
      font-weight: 500;
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
      gap: 12px;
    }
    .tile {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 14px 16px;
      border-radius: 14px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-top-width: 4px;
      background: var(--mat-sys-surface);
    }
    .tile.good {
      border-top-color: #2e9d4f;
    }
    .tile.info {
      border-top-color: var(--mat-sys-primary);
    }
    .tile.warn {
      border-top-color: #d39b00;
    }
    .tile.bad {
      border-top-color: var(--mat-sys-error);
    }
    .tile.zero .value {
      color: var(--mat-sys-on-surface-variant);
    }
    .label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .value {
      font: var(--mat-sys-headline-medium);
      font-variant-numeric: tabular-nums;
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .identity {
      margin: 12px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin-top: 24px;
    }
    .actions:empty {
      display: none;
    }
    mat-spinner {
      display: inline-block;
      margin-right: 8px;
    }
  `,
})
export class ImportSummaryComponent {
  private readonly api = inject(ImportsApiService);
  private readonly snackBar = inject(MatSnackBar);

  readonly job = input.required<ImportJobDto>();

  protected readonly tiles = TILES;
  protected readonly statusLabels = IMPORT_STATUS_LABELS;
  protected readonly count = formatCount;
  protected readonly downloading = signal(false);
  protected readonly hasReport = computed(() => hasErrorReport(this.job()));
  protected readonly duration = computed(() => jobDuration(this.job()));
  protected readonly icon = computed(
    () =>
      ({ completed: 'task_alt', failed: 'error', cancelled: 'block', queued: 'schedule', running: 'sync' })[
        this.job().status
      ],
  );
  protected readonly headline = computed(() => {
    const j = this.job();
    const imported = j.inserted + j.updated;
    const noun = j.kind === 'orders' ? 'order' : 'customer';
    switch (j.status) {
      case 'completed':
        return j.rows === 0
          ? 'The file had no data rows'
          : `${formatCount(imported)} ${noun}${imported === 1 ? '' : 's'} imported`;
      case 'failed':
        return 'The import failed';
      case 'cancelled':
        return `Cancelled after ${formatCount(j.rows)} ${j.rows === 1 ? 'row' : 'rows'}`;
      default:
        return 'Import in progress';
    }
  });

  protected download(): void {
    const j = this.job();
    this.downloading.set(true);
    this.api.errorReport(j.id).subscribe({
      next: ({ blob, fileName }) => {
        this.downloading.set(false);
        saveFile(blob, fileName);
      },
      error: (err: unknown) => {
        this.downloading.set(false);
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }
}
