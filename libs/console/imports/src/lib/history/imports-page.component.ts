import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import { LIST_PAGE_IMPORTS, cursorPagedList, FORMAT_PIPES } from '@mini-crm/console/ui';
import type { ImportJobDto, ImportStatus } from '@mini-crm/contracts';
import { IMPORT_STATUS_LABELS, formatCount, isTerminal, jobDuration } from '../format/import-format.util';
import { ImportsApiService } from '../data/imports-api.service';

const REFRESH_MS = 3000;

/** Past and running imports; refreshes itself while any is still running. */
@Component({
  selector: 'crm-imports-page',
  imports: [LIST_PAGE_IMPORTS, RouterLink, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './imports-page.component.html',
  styleUrl: './imports-page.component.scss',
})
export class ImportsPageComponent {
  private readonly api = inject(ImportsApiService);
  private readonly router = inject(Router);
  private timer: ReturnType<typeof setTimeout> | null = null;

  protected readonly canWrite = inject(AuthService).canWrite;
  protected readonly columns = [
    'file',
    'status',
    'rows',
    'inserted',
    'updated',
    'duplicates',
    'failed',
    'createdAt',
    'duration',
  ];
  protected readonly list = cursorPagedList<ImportJobDto>(
    (_none, cursor) => this.api.list(cursor),
    () => this.scheduleRefresh(),
  );
  protected readonly count = formatCount;
  protected readonly duration = (j: ImportJobDto) => jobDuration(j);

  constructor() {
    this.list.load();
    inject(DestroyRef).onDestroy(() => this.stopTimer());
  }

  protected statusLabel(status: ImportStatus): string {
    return IMPORT_STATUS_LABELS[status] ?? status;
  }

  protected open(job: ImportJobDto): void {
    void this.router.navigate(['/imports', job.id]);
  }

  /** Running jobs change under our eyes: refresh their rows in place. */
  private scheduleRefresh(): void {
    this.stopTimer();
    const running = this.list.items().filter((j) => !isTerminal(j.status));
    if (!running.length) return;
    this.timer = setTimeout(() => {
      for (const j of running) {
        this.api.get(j.id).subscribe({
          next: (fresh) => this.list.update((jobs) => jobs.map((x) => (x.id === fresh.id ? fresh : x))),
          error: () => undefined,
        });
      }
      this.timer = setTimeout(() => this.scheduleRefresh(), 500);
    }, REFRESH_MS);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
