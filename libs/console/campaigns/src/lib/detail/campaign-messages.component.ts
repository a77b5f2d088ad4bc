import { ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import {
  EmptyStateComponent,
  ErrorBannerComponent,
  LoadMoreComponent,
  LoadNearEndDirective,
  ViewportFitsRowsDirective,
  csvFileName,
  cursorPagedList,
  errorMessage,
  saveFile,
  FORMAT_PIPES,
} from '@mini-crm/console/ui';
import { ENGAGEMENT_FILTERS, type CampaignChannel, type EngagementFilter, type MessageDto } from '@mini-crm/contracts';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { ENGAGEMENT_LABELS, engagementNone } from '../shared/engagement-filter.util';

/** Recipients of one campaign: rendered text, status, reason and times; filter by engagement, CSV, keyset "Load more". */
@Component({
  selector: 'crm-campaign-messages',
  imports: [
    RouterLink,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    MatSnackBarModule,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadMoreComponent,
    ScrollingModule,
    LoadNearEndDirective,
    ViewportFitsRowsDirective,
    ...FORMAT_PIPES,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaign-messages.component.html',
  styleUrl: './campaign-messages.component.scss',
})
export class CampaignMessagesComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly snackBar = inject(MatSnackBar);

  readonly campaignId = input.required<string>();
  readonly channel = input<CampaignChannel>('sms');
  /** Bumped by the page when the numbers moved enough to re-read the first page. */
  readonly version = input(0);
  /** Marketers and admins may export recipients. */
  readonly canExport = input(false);

  /** Fixed heights (px, see the stylesheet): the virtual scroll strategy places rows by them. */
  protected readonly rowHeight = 72;
  protected readonly headerHeight = 56;
  protected readonly columns = ['recipient', 'text', 'status', 'reason', 'times'];
  protected readonly labels = ENGAGEMENT_LABELS;
  /** SMS has no opens. */
  protected readonly filters = computed(() =>
    ENGAGEMENT_FILTERS.filter((f) => (f !== 'opened' && f !== 'not_opened') || this.channel() === 'email'),
  );
  protected readonly engagement = signal<EngagementFilter | null>(null);
  protected readonly exporting = signal(false);
  protected readonly emptyText = computed(() => engagementNone(this.engagement()));
  protected readonly list = cursorPagedList((engagement: EngagementFilter | null, cursor) =>
    this.api.messages(this.campaignId(), { engagement, cursor }),
  );

  constructor() {
    effect(() => {
      this.campaignId();
      this.version();
      untracked(() => this.list.load(this.engagement()));
    });
  }

  protected filter(event: MatChipListboxChange): void {
    const engagement = (event.value as EngagementFilter | undefined) ?? null;
    this.engagement.set(engagement);
    this.list.load(engagement);
  }

  /** The recipients under the current filter as CSV (fetched with the bearer token, never a token in a URL). */
  protected exportCsv(): void {
    const engagement = this.engagement();
    this.exporting.set(true);
    this.api.recipientsCsv(this.campaignId(), engagement).subscribe({
      next: ({ blob, fileName }) => {
        this.exporting.set(false);
        saveFile(
          blob,
          fileName ?? csvFileName('campaign', this.campaignId().slice(0, 8), 'recipients', engagement ?? 'all'),
        );
      },
      error: (err: unknown) => {
        this.exporting.set(false);
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  /** The latest moment worth showing for a message. */
  protected lastAt(m: MessageDto): string | null {
    return m.clickedAt ?? m.openedAt ?? m.deliveredAt ?? m.failedAt ?? m.sentAt ?? null;
  }
}
