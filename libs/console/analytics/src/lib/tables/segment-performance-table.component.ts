import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
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
import type { SegmentPerformanceDto } from '@mini-crm/contracts';
import { SEGMENT_CSV, SEGMENT_SORT } from './segment-performance.columns';

/** Saved segments by how the campaigns sent to them did; sortable, CSV of the loaded rows. */
@Component({
  selector: 'crm-segment-performance-table',
  imports: [LIST_PAGE_IMPORTS, RouterLink, MatSortModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './segment-performance-table.component.html',
  styleUrl: './analytics-table.scss',
})
export class SegmentPerformanceTableComponent {
  readonly items = input.required<readonly SegmentPerformanceDto[]>();
  readonly status = input.required<ListStatus>();
  readonly loaded = input(false);
  readonly fileTag = input('');
  /** Currency of revenue (the overview's). */
  readonly currency = input('INR');

  protected readonly columns = [
    'name',
    'campaigns',
    'recipients',
    'size',
    'deliveryRate',
    'openRate',
    'clickRate',
    'conversionRate',
    'revenue',
    'revenuePerRecipient',
  ];
  protected readonly sort = signal<Sort>({ active: 'recipients', direction: 'desc' });
  protected readonly rows = computed(() => sortRows(this.items(), this.sort(), SEGMENT_SORT));
  protected readonly pct = formatPercent;
  protected readonly count = formatCount;
  protected money(amount: number): string {
    return formatMoney(amount, this.currency());
  }

  protected latestSize(s: SegmentPerformanceDto): number | null {
    return s.sizes.at(-1)?.size ?? null;
  }

  protected download(): void {
    downloadCsv(csvFileName('segment-performance', this.fileTag()), SEGMENT_CSV, this.rows());
  }
}
