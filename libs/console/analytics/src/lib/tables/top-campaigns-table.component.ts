import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { RouterLink } from '@angular/router';
import {
  LIST_PAGE_IMPORTS,
  type ListStatus,
  csvFileName,
  downloadCsv,
  formatCount,
  formatMoney,
  formatPercent,
  sortRows,
} from '@mini-crm/console/ui';
import type { CampaignPerformanceDto } from '@mini-crm/contracts';
import { CAMPAIGN_CSV, CAMPAIGN_SORT } from './top-campaigns.columns';

/** Campaigns of the period with their rates and revenue; sortable, each row links to its campaign. */
@Component({
  selector: 'crm-top-campaigns-table',
  imports: [LIST_PAGE_IMPORTS, RouterLink, MatSortModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './top-campaigns-table.component.html',
  styleUrl: './analytics-table.scss',
})
export class TopCampaignsTableComponent {
  readonly items = input.required<readonly CampaignPerformanceDto[]>();
  readonly status = input.required<ListStatus>();
  readonly loaded = input(false);
  readonly canWrite = input(false);
  /** Part of the CSV file name, e.g. the period. */
  readonly fileTag = input('');
  /** Currency of revenue (the overview's). */
  readonly currency = input('INR');

  protected readonly columns = [
    'name',
    'channel',
    'source',
    'sent',
    'deliveryRate',
    'openRate',
    'clickRate',
    'conversions',
    'revenue',
  ];
  protected readonly sort = signal<Sort>({ active: 'revenue', direction: 'desc' });
  /** The column the user sorted by, so the page can ask the API for the top rows by it. */
  readonly sortChange = output<Sort>();
  protected readonly rows = computed(() => sortRows(this.items(), this.sort(), CAMPAIGN_SORT));
  protected readonly pct = formatPercent;
  protected readonly count = formatCount;
  protected money(amount: number): string {
    return formatMoney(amount, this.currency());
  }

  protected onSort(sort: Sort): void {
    this.sort.set(sort);
    this.sortChange.emit(sort);
  }

  protected download(): void {
    downloadCsv(csvFileName('campaign-performance', this.fileTag()), CAMPAIGN_CSV, this.rows());
  }
}
