import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CampaignChannel, CampaignStatsDto } from '@mini-crm/contracts';
import { funnelSteps } from '../shared/campaign-stats.util';
import { FORMAT_PIPES } from '@mini-crm/console/ui';

/** Horizontal bar funnel: audience → sent → delivered → (opened) → clicked, with failures beside it. */
@Component({
  selector: 'crm-delivery-funnel',
  imports: [...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (step of steps(); track step.key) {
      <div class="row" [attr.data-testid]="'funnel-' + step.key">
        <span class="label">{{ step.label }}</span>
        <div class="track"><div class="bar" [class]="step.key" [style.width.%]="step.width"></div></div>
        <span class="value">{{ step.value | crmNumber }}</span>
        <span class="share">{{ step.ofPrevious === null ? '' : step.ofPrevious + '%' }}</span>
      </div>
    }
    <div class="row failed" data-testid="funnel-failed">
      <span class="label">Failed</span>
      <div class="track"><div class="bar failed" [style.width.%]="failedWidth()"></div></div>
      <span class="value">{{ stats().failed | crmNumber }}</span>
      <span class="share">{{ failedShare() }}%</span>
    </div>
  `,
  styles: `
    :host {
      display: grid;
      gap: 10px;
    }
    .row {
      display: grid;
      grid-template-columns: 84px 1fr 72px 52px;
      align-items: center;
      gap: 12px;
    }
    .row.failed {
      margin-top: 6px;
      padding-top: 12px;
      border-top: 1px dashed var(--mat-sys-outline-variant);
    }
    .label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .track {
      height: 22px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container-high);
      overflow: hidden;
    }
    .bar {
      height: 100%;
      border-radius: 6px;
      transition: width 400ms ease-out;
      min-width: 2px;
    }
    .bar.audience {
      background: #9fa8da;
    }
    .bar.sent {
      background: #5c6bc0;
    }
    .bar.delivered {
      background: #2e7d32;
    }
    .bar.opened {
      background: #00897b;
    }
    .bar.clicked {
      background: #f9a825;
    }
    .bar.failed {
      background: var(--mat-sys-error);
    }
    .value {
      text-align: right;
      font: var(--mat-sys-title-small);
      font-variant-numeric: tabular-nums;
    }
    .share {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class DeliveryFunnelComponent {
  readonly stats = input.required<CampaignStatsDto>();
  readonly channel = input.required<CampaignChannel>();

  protected readonly steps = computed(() => funnelSteps(this.stats(), this.channel()));
  protected readonly failedWidth = computed(() =>
    this.stats().audience ? (this.stats().failed / this.stats().audience) * 100 : 0,
  );
  protected readonly failedShare = computed(() => Math.round(this.failedWidth() * 10) / 10);
}
