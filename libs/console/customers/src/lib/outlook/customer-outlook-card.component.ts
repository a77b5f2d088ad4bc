import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { FORMAT_PIPES, errorMessage } from '@mini-crm/console/ui';
import type { CustomerOutlookDto, InsightsJobDto } from '@mini-crm/contracts';
import { switchMap } from 'rxjs';
import { InsightsApiService } from '../data/insights-api.service';
import { outlookLines } from './customer-outlook.util';

/**
 * A customer's outlook from the last model run, each number in words. Without scores it says why;
 * marketers and admins may start a run ("Compute now") and follow its progress here.
 */
@Component({
  selector: 'crm-customer-outlook-card',
  imports: [MatCardModule, MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './customer-outlook-card.component.html',
  styleUrl: './customer-outlook-card.component.scss',
})
export class CustomerOutlookCardComponent {
  private readonly insights = inject(InsightsApiService);
  private readonly destroyRef = inject(DestroyRef);

  readonly outlook = input.required<CustomerOutlookDto | null>();
  readonly orderCount = input.required<number>();
  readonly canCompute = input(false);
  /** A run finished: the page reloads the customer to show the new scores. */
  readonly ran = output<void>();

  protected readonly lines = computed(() => {
    const o = this.outlook();
    return o ? outlookLines(o) : [];
  });
  protected readonly job = signal<InsightsJobDto | null>(null);
  protected readonly running = computed(() => {
    const j = this.job();
    return !!j && j.state !== 'completed' && j.state !== 'failed';
  });
  protected readonly failure = signal<string | null>(null);

  protected computeNow(): void {
    this.failure.set(null);
    this.job.set({ id: '', state: 'waiting', progress: 0, result: null, failedReason: null });
    this.insights
      .recompute()
      .pipe(
        switchMap((job) => this.insights.follow(job.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (job) => {
          this.job.set(job);
          if (job.state === 'failed') this.failure.set(job.failedReason ?? 'The model run failed.');
          else if (job.state === 'completed') this.ran.emit();
        },
        error: (err: unknown) => {
          this.job.set(null);
          this.failure.set(errorMessage(err));
        },
      });
  }
}
