import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ImportJobDto } from '@mini-crm/contracts';
import type { ProgressTransport } from '../data/import-progress.service';
import { formatCount, formatEta, formatRate } from '../format/import-format.util';

/** Live progress of a running import: bar, throughput, time left and counts so far. */
@Component({
  selector: 'crm-import-progress',
  imports: [MatProgressBarModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let j = job();
    <div class="head">
      <div class="title">
        <span class="pulse" aria-hidden="true"></span>
        <h3>{{ j.status === 'queued' ? 'Waiting to start…' : 'Importing ' + j.fileName }}</h3>
      </div>
      <span class="percent" data-testid="import-percent">{{ percent() }}%</span>
    </div>
    <mat-progress-bar
      [mode]="j.status === 'queued' ? 'query' : 'determinate'"
      [value]="percent()"
      class="bar"
      data-testid="import-progress"
      [attr.data-status]="j.status"
      [attr.data-transport]="transport()"
      aria-label="Import progress"
    />
    <div class="stats">
      <div>
        <span class="label">Rows read</span><span class="value">{{ count(j.rows) }}</span>
      </div>
      <div>
        <span class="label">Speed</span><span class="value" data-testid="import-rate">{{ rate(j.rowsPerSecond) }}</span>
      </div>
      <div>
        <span class="label">Time left</span><span class="value" data-testid="import-eta">{{ eta(j.etaSeconds) }}</span>
      </div>
    </div>
    <div class="counts">
      <span
        ><b>{{ count(j.inserted) }}</b> new</span
      >
      <span
        ><b>{{ count(j.updated) }}</b> updated</span
      >
      <span
        ><b>{{ count(j.duplicates) }}</b> duplicates</span
      >
      <span [class.bad]="j.failed > 0"
        ><b>{{ count(j.failed) }}</b> failed</span
      >
    </div>
    <div class="actions">
      <span class="hint">You can leave this page; the import keeps running and stays in the import history.</span>
      <button
        mat-stroked-button
        class="cancel"
        (click)="cancelRequested.emit()"
        [disabled]="cancelling()"
        data-testid="import-cancel"
      >
        <mat-icon>stop_circle</mat-icon>
        {{ cancelling() ? 'Cancelling…' : 'Cancel import' }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 16px;
      margin-bottom: 12px;
    }
    .title {
      display: flex;
      align-items: center;
      gap: 10px;
      min-width: 0;
    }
    h3 {
      margin: 0;
      font: var(--mat-sys-title-medium);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .pulse {
      flex: none;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      animation: pulse 1.4s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.25;
      }
    }
    .percent {
      font: var(--mat-sys-headline-medium);
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-primary);
    }
    .bar {
      --mat-progress-bar-track-height: 10px;
      --mat-progress-bar-active-indicator-height: 10px;
      border-radius: 5px;
    }
    .stats {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 12px;
      margin-top: 20px;
    }
    .stats div {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    .label {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .value {
      font: var(--mat-sys-title-large);
      font-variant-numeric: tabular-nums;
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      margin-top: 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .counts b {
      color: var(--mat-sys-on-surface);
      font-variant-numeric: tabular-nums;
    }
    .counts .bad b {
      color: var(--mat-sys-error);
    }
    .actions {
      display: flex;
      align-items: center;
      justify-content: space-between;
      flex-wrap: wrap;
      gap: 12px;
      margin-top: 24px;
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .cancel {
      color: var(--mat-sys-error);
    }
  `,
})
export class ImportProgressComponent {
  readonly job = input.required<ImportJobDto>();
  readonly transport = input<ProgressTransport | null>(null);
  readonly cancelling = input(false);
  readonly cancelRequested = output<void>();

  protected readonly percent = computed(() => Math.max(0, Math.min(100, Math.floor(this.job().percent ?? 0))));
  protected readonly count = formatCount;
  protected readonly rate = formatRate;
  protected readonly eta = formatEta;
}
