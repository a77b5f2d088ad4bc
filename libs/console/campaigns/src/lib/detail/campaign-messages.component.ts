import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent, ErrorBannerComponent, LoadMoreComponent, cursorPagedList } from '@mini-crm/console/ui';
import { MESSAGE_STATUSES, type CampaignChannel, type MessageDto, type MessageStatus } from '@mini-crm/contracts';
import { CampaignsApiService } from '../data/campaigns-api.service';

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
    ErrorBannerComponent,
    LoadMoreComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaign-messages.component.html',
  styleUrl: './campaign-messages.component.scss',
})
export class CampaignMessagesComponent {
  private readonly api = inject(CampaignsApiService);

  readonly campaignId = input.required<string>();
  readonly channel = input<CampaignChannel>('sms');
  /** Bumped by the page when the numbers moved enough to re-read the first page. */
  readonly version = input(0);

  protected readonly columns = ['recipient', 'text', 'status', 'reason', 'times'];
  /** SMS has no opens. */
  protected readonly statuses = computed(() =>
    MESSAGE_STATUSES.filter((s) => s !== 'opened' || this.channel() === 'email'),
  );
  protected readonly status = signal<MessageStatus | null>(null);
  protected readonly list = cursorPagedList((status: MessageStatus | null, cursor) =>
    this.api.messages(this.campaignId(), { status, cursor }),
  );

  constructor() {
    effect(() => {
      this.campaignId();
      this.version();
      untracked(() => this.list.load(this.status()));
    });
  }

  protected filter(event: MatChipListboxChange): void {
    const status = (event.value as MessageStatus | undefined) ?? null;
    this.status.set(status);
    this.list.load(status);
  }

  /** The latest moment worth showing for a message. */
  protected lastAt(m: MessageDto): string | null {
    return m.clickedAt ?? m.openedAt ?? m.deliveredAt ?? m.failedAt ?? m.sentAt ?? null;
  }
}
