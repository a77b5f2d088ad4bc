import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent, errorMessage } from '@mini-crm/console/ui';
import { MESSAGE_STATUS_VALUES } from '../shared/contract-values.util';
import type { CampaignChannel, MessageDto, MessageStatus } from '@mini-crm/contracts';
import { EMPTY, Subject, catchError, map, switchMap, tap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';

interface LoadRequest {
  status: MessageStatus | null;
  cursor: string | null;
}

/** Recipients of one campaign: rendered text, status, reason and times; filter by status, keyset "Load more". */
@Component({
  selector: 'crm-campaign-messages',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaign-messages.component.html',
  styleUrl: './campaign-messages.component.scss',
})
export class CampaignMessagesComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly loads = new Subject<LoadRequest>();

  readonly campaignId = input.required<string>();
  readonly channel = input<CampaignChannel>('sms');
  /** Bumped by the page when the numbers moved enough to re-read the first page. */
  readonly version = input(0);

  protected readonly columns = ['recipient', 'text', 'status', 'reason', 'times'];
  /** SMS has no opens. */
  protected readonly statuses = computed(() =>
    MESSAGE_STATUS_VALUES.filter((s) => s !== 'opened' || this.channel() === 'email'),
  );
  protected readonly status = signal<MessageStatus | null>(null);
  protected readonly messages = signal<MessageDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.loads
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((req) =>
          this.api.messages(this.campaignId(), { status: req.status, cursor: req.cursor }).pipe(
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
        this.messages.update((list) => (req.cursor ? [...list, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.loaded.set(true);
      });

    effect(() => {
      this.campaignId();
      this.version();
      untracked(() => this.loads.next({ status: this.status(), cursor: null }));
    });
  }

  protected filter(event: MatChipListboxChange): void {
    const status = (event.value as MessageStatus | undefined) ?? null;
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

  /** The latest moment worth showing for a message. */
  protected lastAt(m: MessageDto): string | null {
    return m.clickedAt ?? m.openedAt ?? m.deliveredAt ?? m.failedAt ?? m.sentAt ?? null;
  }
}
