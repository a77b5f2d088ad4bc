import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import { EmptyStateComponent, PageHeaderComponent, errorMessage } from '@mini-crm/console/ui';
import { CAMPAIGN_STATUS_VALUES } from '../shared/contract-values.util';
import type { CampaignDto, CampaignStatsDto, CampaignStatus } from '@mini-crm/contracts';
import { EMPTY, Subject, catchError, from, interval, map, mergeMap, switchMap, tap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { progressPercent } from '../shared/campaign-stats.util';
import { STATUS_LABELS } from '../shared/campaign-status.util';
import { StatusChipComponent } from '../shared/status-chip.component';

export const LIST_POLL_MS = 3000;

interface LoadRequest {
  status: CampaignStatus | null;
  cursor: string | null;
}

@Component({
  selector: 'crm-campaigns-list-page',
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatCardModule,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatChipsModule,
    MatProgressBarModule,
    MatTooltipModule,
    PageHeaderComponent,
    EmptyStateComponent,
    StatusChipComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaigns-list-page.component.html',
  styleUrl: './campaigns-list-page.component.scss',
})
export class CampaignsListPageComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly router = inject(Router);
  protected readonly canWrite = inject(AuthService).canWrite;
  private readonly loads = new Subject<LoadRequest>();

  protected readonly columns = ['name', 'status', 'channel', 'segment', 'audience', 'progress', 'when'];
  protected readonly statuses = CAMPAIGN_STATUS_VALUES.map((value) => ({ value, label: STATUS_LABELS[value] }));
  protected readonly status = signal<CampaignStatus | null>(null);
  protected readonly campaigns = signal<CampaignDto[]>([]);
  protected readonly stats = signal<ReadonlyMap<string, CampaignStatsDto>>(new Map());
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly anyRunning = computed(() =>
    this.campaigns().some((c) => this.statusOf(c) === 'running' || this.statusOf(c) === 'scheduled'),
  );

  constructor() {
    this.loads
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((req) =>
          this.api.list({ status: req.status, cursor: req.cursor }).pipe(
            map((page) => ({ req, page })),
            catchError((err: unknown) => {
              this.error.set(errorMessage(err));
              this.loading.set(false);
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ req, page }) => {
        this.campaigns.update((list) => (req.cursor ? [...list, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.loaded.set(true);
        this.refreshStats(page.items.filter((c) => c.status !== 'draft' && c.status !== 'scheduled'));
      });

    // Live progress: while anything runs (or is about to), poll those rows' stats.
    interval(LIST_POLL_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        if (!this.anyRunning()) return;
        this.refreshStats(this.campaigns().filter((c) => ['running', 'scheduled'].includes(this.statusOf(c))));
      });

    this.loads.next({ status: null, cursor: null });
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

  protected audience(c: CampaignDto): number {
    return this.stats().get(c.id)?.audience ?? c.audience;
  }

  protected filter(event: MatChipListboxChange): void {
    const status = (event.value as CampaignStatus | undefined) ?? null;
    this.status.set(status);
    this.loads.next({ status, cursor: null });
  }

  protected reload(): void {
    this.loads.next({ status: this.status(), cursor: null });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor) this.loads.next({ status: this.status(), cursor });
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
