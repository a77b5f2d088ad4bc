import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { formatCount, formatMoney, formatPercent, ratio } from '@mini-crm/console/ui';
import type { CampaignChannel, CampaignStatsDto } from '@mini-crm/contracts';

/** Conversions and revenue, and human vs machine engagement, of one campaign. */
@Component({
  selector: 'crm-campaign-outcomes',
  imports: [MatIconModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="box">
      <h2>Conversions</h2>
      <div class="figures">
        <div data-testid="stat-converted" [attr.data-value]="stats().converted">
          <span class="value">{{ count(stats().converted) }}</span>
          <span class="label">orders · {{ pct(conversionRate()) }} of delivered</span>
        </div>
        <div data-testid="stat-revenue" [attr.data-value]="stats().revenue">
          <span class="value">{{ money(stats().revenue) }}</span>
          <span class="label">revenue{{ perRecipient() }}</span>
        </div>
        <div data-testid="stat-unsubscribed" [attr.data-value]="stats().unsubscribed">
          <span class="value">{{ count(stats().unsubscribed) }}</span>
          <span class="label">unsubscribed</span>
        </div>
      </div>
    </section>
    <section class="box">
      <h2>
        Human vs machine
        <mat-icon
          class="info"
          matTooltip="Mail privacy proxies, link scanners and prefetches open and click on their own. They are labelled machine, counted here, and left out of rates and segments."
          >info</mat-icon
        >
      </h2>
      <div class="split">
        @for (row of split(); track row.label) {
          <div class="row" [attr.data-testid]="'split-' + row.key">
            <span class="name">{{ row.label }}</span>
            <div class="bar" [attr.aria-label]="row.label + ': ' + row.human + ' human, ' + row.machine + ' machine'">
              <span class="human" [style.flex-grow]="row.human"></span>
              <span class="machine" [style.flex-grow]="row.machine"></span>
            </div>
            <span class="nums"
              ><strong data-testid="split-human">{{ count(row.human) }}</strong> human people ·
              <span data-testid="split-machine">{{ count(row.machine) }}</span> machine hits</span
            >
          </div>
        }
      </div>
    </section>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
    }
    .box {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      padding: 16px 20px;
      background: var(--mat-sys-surface);
    }
    h2 {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0 0 12px;
      font: var(--mat-sys-title-medium);
    }
    .info {
      font-size: 18px;
      width: 18px;
      height: 18px;
      color: var(--mat-sys-on-surface-variant);
    }
    .figures {
      display: flex;
      flex-wrap: wrap;
      gap: 24px;
    }
    .figures > div {
      display: flex;
      flex-direction: column;
    }
    .value {
      font: var(--mat-sys-headline-small);
      font-variant-numeric: tabular-nums;
    }
    .label,
    .nums,
    .name {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .split {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .row {
      display: grid;
      grid-template-columns: 56px 1fr;
      align-items: center;
      column-gap: 12px;
    }
    .nums {
      grid-column: 2;
    }
    .bar {
      display: flex;
      height: 10px;
      border-radius: 5px;
      overflow: hidden;
      background: var(--mat-sys-surface-container-high);
    }
    .human {
      background: #7b4fc9;
    }
    .machine {
      background: #c4c6d0;
    }
  `,
})
export class CampaignOutcomesComponent {
  readonly stats = input.required<CampaignStatsDto>();
  readonly channel = input<CampaignChannel>('sms');

  protected readonly count = formatCount;
  protected readonly money = formatMoney;
  protected readonly pct = formatPercent;
  protected readonly conversionRate = computed(() => ratio(this.stats().converted, this.stats().delivered));
  protected readonly perRecipient = computed(() => {
    const r = ratio(this.stats().revenue, this.stats().delivered);
    return r === null || !this.stats().revenue ? '' : ` · ${formatMoney(Math.round(r * 100) / 100)} per delivered`;
  });
  protected readonly split = computed(() => {
    const s = this.stats();
    const rows = [{ key: 'clicks', label: 'Clicks', human: s.clicked, machine: s.machineClicks }];
    if (this.channel() === 'email')
      rows.unshift({ key: 'opens', label: 'Opens', human: s.opened, machine: s.machineOpens });
    return rows;
  });
}
