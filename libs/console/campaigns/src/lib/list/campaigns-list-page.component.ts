import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import {
  LIST_PAGE_IMPORTS,
  cursorPagedList,
  formatCount,
  formatMoney,
  formatPercent,
  sortRows,
  FORMAT_PIPES,
} from '@mini-crm/console/ui';
import { CAMPAIGN_STATUSES, type CampaignDto, type CampaignStatsDto, type CampaignStatus } from '@mini-crm/contracts';
import { EMPTY, catchError, from, interval, mergeMap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { campaignRates, progressPercent } from '../shared/campaign-stats.util';
import { STATUS_LABELS } from '../shared/campaign-status.util';
import { StatusChipComponent } from '../shared/status-chip.component';

export const LIST_POLL_MS = 3000;

@Component({
  selector: 'crm-campaigns-list-page',
  imports: [LIST_PAGE_IMPORTS, RouterLink, MatChipsModule, MatSortModule, StatusChipComponent, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaigns-list-page.component.html',
  styleUrl: './campaigns-list-page.component.scss',
})
export class CampaignsListPageComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly router = inject(Router);
  protected readonly canWrite = inject(AuthService).canWrite;

  protected readonly columns = [
    'name',
    'status',
    'channel',
    'segment',
    'audience',
    'progress',
    'deliveryRate',
    'clickRate',
    'conversions',
    'revenue',
    'when',
  ];
  protected readonly statuses = CAMPAIGN_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));
  protected readonly status = signal<CampaignStatus | null>(null);
  protected readonly list = cursorPagedList(
    (status: CampaignStatus | null, cursor) => this.api.list({ status, cursor }),
    (page) => this.refreshStats(page.items.filter((c) => c.status !== 'draft' && c.status !== 'scheduled')),
  );
  protected readonly stats = signal<ReadonlyMap<string, CampaignStatsDto>>(new Map());
  /** Sorts the loaded rows; none by default (newest first, as the API pages them). */
  protected readonly sort = signal<Sort>({ active: '', direction: '' });
  protected readonly rows = computed(() =>
    sortRows(this.list.items(), this.sort(), {
      name: (c) => c.name,
      channel: (c) => c.channel,
      audience: (c) => this.audience(c),
      deliveryRate: (c) => this.rates(c)?.deliveryRate,
      clickRate: (c) => this.rates(c)?.clickRate,
      conversions: (c) => this.stats().get(c.id)?.converted,
      revenue: (c) => this.stats().get(c.id)?.revenue,
      when: (c) => c.startedAt ?? c.scheduledAt ?? c.createdAt,
    }),
  );
  protected readonly pct = formatPercent;
  protected readonly count = formatCount;
  protected readonly money = formatMoney;
  protected readonly anyRunning = computed(() =>
    this.list.items().some((c) => this.statusOf(c) === 'running' || this.statusOf(c) === 'scheduled'),
  );

  constructor() {
    // Live progress: while anything runs (or is about to), poll those rows' stats.
    interval(LIST_POLL_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        if (!this.anyRunning()) return;
        this.refreshStats(this.list.items().filter((c) => ['running', 'scheduled'].includes(this.statusOf(c))));
      });

    this.list.load(null);
  }

  protected statusOf(c: CampaignDto): CampaignStatus {
    return this.stats().get(c.id)?.status ?? c.status;
  }

  protected progress(c: CampaignDto): number | null {
    const s = this.stats().get(c.id);
    return s ? progressPercent(s) : null;
  }

  protected handled(c: CampaignDto): number {
    const s = this.stats().get(c.id);
    return s ? s.sent + s.failed : 0;
  }

  protected rates(c: CampaignDto): ReturnType<typeof campaignRates> | null {
    const s = this.stats().get(c.id);
    return s ? campaignRates(s) : null;
  }

  protected audience(c: CampaignDto): number {
    return this.stats().get(c.id)?.audience ?? c.audience;
  }

  protected filter(event: MatChipListboxChange): void {
    const status = (event.value as CampaignStatus | undefined) ?? null;
    this.status.set(status);
    this.list.load(status);
  }

  protected open(c: CampaignDto): void {
    void this.router.navigate(['/campaigns', c.id]);
  }

  private refreshStats(rows: CampaignDto[]): void {
    if (!rows.length) return;
    from(rows)
      .pipe(mergeMap((c) => this.api.stats(c.id).pipe(catchError(() => EMPTY)), 4))
      .subscribe((s) =>
        this.stats.update((m) => {
          const next = new Map(m);
          next.set(s.campaignId, s);
          return next;
        }),
      );
  }
}
