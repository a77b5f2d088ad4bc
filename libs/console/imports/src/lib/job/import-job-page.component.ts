import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import { EmptyStateComponent, PageHeaderComponent, errorMessage } from '@mini-crm/console/ui';
import type { ImportJobDto } from '@mini-crm/contracts';
import { Subscription } from 'rxjs';
import { ImportProgressService, ProgressTransport } from '../data/import-progress.service';
import { ImportsApiService } from '../data/imports-api.service';
import { isTerminal } from '../format/import-format.util';
import { ImportProgressComponent } from './import-progress.component';
import { ImportSummaryComponent } from './import-summary.component';

/** One import: live progress while it runs, then its summary. The history links here. */
@Component({
  selector: 'crm-import-job-page',
  imports: [
    RouterLink,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatSnackBarModule,
    PageHeaderComponent,
    EmptyStateComponent,
    ImportProgressComponent,
    ImportSummaryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a mat-button routerLink="/imports" class="back"><mat-icon>arrow_back</mat-icon>Import history</a>
    <crm-page-header title="Import" [subtitle]="job()?.fileName ?? ''" />
    <mat-card appearance="outlined" class="card">
      @if (error(); as message) {
        <crm-empty-state icon="error_outline" title="Import not available" [message]="message">
          <a mat-stroked-button routerLink="/imports">Back to history</a>
        </crm-empty-state>
      } @else if (job(); as j) {
        @if (done()) {
          <crm-import-summary [job]="j">
            @if (j.kind === 'customers') {
              <a mat-stroked-button routerLink="/customers"><mat-icon>people</mat-icon>View customers</a>
            }
            @if (canWrite()) {
              <a mat-stroked-button routerLink="/imports/new"><mat-icon>upload_file</mat-icon>New import</a>
            }
          </crm-import-summary>
        } @else {
          <crm-import-progress [job]="j" [transport]="transport()" [cancelling]="cancelling()" (cancel)="cancel()" />
        }
      } @else {
        <mat-progress-bar mode="indeterminate" />
      }
    </mat-card>
  `,
  styles: `
    .back {
      margin: -8px 0 12px -12px;
    }
    .card {
      border-radius: 16px;
      padding: 24px;
    }
  `,
})
export class ImportJobPageComponent {
  private readonly api = inject(ImportsApiService);
  private readonly progress = inject(ImportProgressService);
  private readonly snackBar = inject(MatSnackBar);
  private watching: Subscription | null = null;

  /** Route param. */
  readonly id = input.required<string>();

  protected readonly canWrite = inject(AuthService).canWrite;
  protected readonly job = signal<ImportJobDto | null>(null);
  protected readonly done = signal(false);
  protected readonly transport = signal<ProgressTransport | null>(null);
  protected readonly cancelling = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => this.watching?.unsubscribe());
  }

  protected cancel(): void {
    const j = this.job();
    if (!j) return;
    this.cancelling.set(true);
    this.api.cancel(j.id).subscribe({
      error: (err: unknown) => {
        this.cancelling.set(false);
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  private load(id: string): void {
    this.watching?.unsubscribe();
    this.job.set(null);
    this.done.set(false);
    this.error.set(null);
    this.api.get(id).subscribe({
      next: (job) => {
        this.job.set(job);
        if (isTerminal(job.status)) this.done.set(true);
        else this.follow(id);
      },
      error: (err: unknown) => this.error.set(errorMessage(err)),
    });
  }

  private follow(id: string): void {
    this.watching = this.progress.watch(id).subscribe({
      next: ({ job, transport }) => {
        this.job.set(job);
        this.transport.set(transport);
      },
      complete: () => {
        this.cancelling.set(false);
        this.done.set(true);
      },
      error: (err: unknown) => this.error.set(errorMessage(err)),
    });
  }
}
