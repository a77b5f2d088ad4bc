import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ConfirmService, errorMessage, formatCount, formatMoney, formatPercent } from '@mini-crm/console/ui';
import type { CampaignChannel, CampaignStatsDto, VariantStatsDto } from '@mini-crm/contracts';
import { finalize, switchMap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { METRIC_NAMES, barScale, canPickWinner, winnerHeadline } from './experiment-results.util';

/**
 * A campaign's experiment: the winner banner, a per-variant funnel with the metric's interval as a
 * bar, probability to be best, "send winner now", and recipients vs the holdout.
 */
@Component({
  selector: 'crm-experiment-results',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './experiment-results.component.html',
  styleUrl: './experiment-results.component.scss',
})
export class ExperimentResultsComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly confirmation = inject(ConfirmService);
  private readonly snackBar = inject(MatSnackBar);

  readonly campaignId = input.required<string>();
  readonly stats = input.required<CampaignStatsDto>();
  readonly channel = input.required<CampaignChannel>();
  readonly canWrite = input(false);
  /** New stats after a winner was sent by hand. */
  readonly statsChange = output<CampaignStatsDto>();

  protected readonly picking = signal<string | null>(null);
  protected readonly count = formatCount;
  protected readonly pct = formatPercent;
  protected readonly x = computed(() => this.stats().experiment ?? null);
  protected readonly headline = computed(() => {
    const x = this.x();
    return x ? winnerHeadline(x) : null;
  });
  protected readonly money = computed(() => this.x()?.metric === 'revenue_per_recipient');
  protected readonly metricName = computed(() => METRIC_NAMES[this.x()?.metric ?? 'click_rate']);
  protected readonly variants = computed(() => (this.stats().variants ?? []).filter((v) => v.key !== '(remainder)'));
  protected readonly remainder = computed(
    () => (this.stats().variants ?? []).find((v) => v.key === '(remainder)') ?? null,
  );
  private readonly scale = computed(() => barScale(this.variants()));
  protected readonly canPick = computed(() => this.canWrite() && canPickWinner(this.stats()));
  protected readonly holdout = computed(() => this.stats().holdout ?? null);
  protected readonly lift = computed(() => this.holdout()?.lift ?? null);

  protected value(v: number): string {
    return this.money() ? formatMoney(v) : formatPercent(v, 2);
  }

  protected bar(v: VariantStatsDto): { low: number; high: number; point: number } {
    const s = this.scale();
    return { low: (v.interval.low / s) * 100, high: (v.interval.high / s) * 100, point: (v.rate / s) * 100 };
  }

  protected probability(key: string): number | null {
    const p = this.x()?.probabilityBest?.[key];
    return p === undefined ? null : p;
  }

  protected pick(key: string): void {
    const waiting = this.remainder()?.audience ?? 0;
    this.confirmation
      .ask({
        title: `Send variant ${key} now?`,
        message: `This ends the test: the ${formatCount(waiting)} recipients still waiting get variant ${key}. This cannot be undone.`,
        confirm: `Send ${key}`,
        cancel: 'Keep testing',
        confirmTestId: 'winner-confirm',
      })
      .pipe(
        switchMap(() => {
          this.picking.set(key);
          return this.api.pickWinner(this.campaignId(), key).pipe(finalize(() => this.picking.set(null)));
        }),
      )
      .subscribe({
        next: (s) => {
          this.snackBar.open(`Variant ${key} is being sent to the rest`, 'OK', { duration: 4000 });
          this.statsChange.emit(s);
        },
        error: (err: unknown) =>
          this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' }),
      });
  }
}
