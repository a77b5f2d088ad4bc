import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AnalyticsTotalsDto } from '@mini-crm/contracts';
import { kpiCards } from './kpi-cards.util';

/** The headline numbers of a period, with ▲/▼ change against the previous period. */
@Component({
  selector: 'crm-kpi-cards',
  imports: [MatIconModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (k of cards(); track k.key) {
      <div class="kpi" [matTooltip]="k.hint" [attr.data-testid]="'kpi-' + k.key" [attr.data-value]="k.raw">
        <div class="top">
          <mat-icon>{{ k.icon }}</mat-icon>
          <span class="label">{{ k.label }}</span>
        </div>
        <span class="value">{{ k.text }}</span>
        @if (k.change; as c) {
          <span
            class="change"
            [class.good]="c.good === true"
            [class.bad]="c.good === false"
            [attr.data-testid]="'kpi-change-' + k.key"
            [matTooltip]="'Against the previous ' + days() + ' days'"
            >{{ c.text }}</span
          >
        } @else {
          <span class="change vs">—</span>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(136px, 1fr));
      gap: 12px;
    }
    .kpi {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
      padding: 12px 14px;
      border-radius: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    .top {
      display: flex;
      align-items: center;
      gap: 6px;
      color: var(--mat-sys-on-surface-variant);
    }
    .top mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
      color: var(--mat-sys-primary);
    }
    .label {
      font: var(--mat-sys-label-large);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .value {
      font: var(--mat-sys-headline-small);
      white-space: nowrap;
      color: var(--mat-sys-on-surface);
      font-variant-numeric: tabular-nums;
    }
    .change {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .change.good {
      color: #1b7f3b;
    }
    .change.bad {
      color: var(--mat-sys-error);
    }
    .vs {
      color: var(--mat-sys-on-surface-variant);
      font-weight: 400;
    }
  `,
})
export class KpiCardsComponent {
  readonly current = input.required<AnalyticsTotalsDto>();
  readonly previous = input.required<AnalyticsTotalsDto>();
  /** Length of the period, for "vs previous N days". */
  readonly days = input.required<number>();
  /** Currency of revenue. */
  readonly currency = input('INR');

  protected readonly cards = computed(() => kpiCards(this.current(), this.previous(), this.currency()));
}
