import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { AnalyticsApiService } from '@mini-crm/console/analytics';
import { ErrorBannerComponent, LIST_PAGE_IMPORTS, errorMessage, formatCount, latestValue } from '@mini-crm/console/ui';
import type { CampaignLinkStatsDto, SegmentDto } from '@mini-crm/contracts';
import { CampaignsApiService } from '../data/campaigns-api.service';

/** The campaign's tracked links with human, unique and machine clicks; one click saves a link's clickers as a segment. */
@Component({
  selector: 'crm-campaign-links',
  imports: [LIST_PAGE_IMPORTS, ErrorBannerComponent, RouterLink, MatSnackBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <h2>Links</h2>
      <button mat-icon-button type="button" (click)="links.reload()" aria-label="Refresh links" matTooltip="Refresh">
        <mat-icon>refresh</mat-icon>
      </button>
    </div>
    @if (links.loading()) {
      <mat-progress-bar mode="indeterminate" class="progress" />
    }
    @if (links.error(); as message) {
      <crm-error-banner [message]="message" (retry)="links.reload()" />
    }
    @if (links.value()?.items; as items) {
      @if (items.length) {
        <div class="scroll">
          <table mat-table [dataSource]="items" class="table" data-testid="links-table">
            <ng-container matColumnDef="url">
              <th mat-header-cell *matHeaderCellDef>Link</th>
              <td mat-cell *matCellDef="let l" class="url">
                <a [href]="l.url" target="_blank" rel="noopener noreferrer" [matTooltip]="l.url">{{ l.url }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="clicks">
              <th mat-header-cell *matHeaderCellDef class="num" matTooltip="Human clicks, every one">Clicks</th>
              <td mat-cell *matCellDef="let l" class="num" data-testid="link-clicks">{{ count(l.clicks) }}</td>
            </ng-container>
            <ng-container matColumnDef="unique">
              <th mat-header-cell *matHeaderCellDef class="num" matTooltip="People with at least one human click">
                People
              </th>
              <td mat-cell *matCellDef="let l" class="num" data-testid="link-unique">{{ count(l.uniqueClicks) }}</td>
            </ng-container>
            <ng-container matColumnDef="machine">
              <th
                mat-header-cell
                *matHeaderCellDef
                class="num"
                matTooltip="Link scanners and prefetchers: counted apart, never in rates or segments"
              >
                Machine
              </th>
              <td mat-cell *matCellDef="let l" class="num muted" data-testid="link-machine">
                {{ count(l.machineClicks) }}
              </td>
            </ng-container>
            <ng-container matColumnDef="segment">
              <th mat-header-cell *matHeaderCellDef></th>
              <td mat-cell *matCellDef="let l" class="action">
                @if (made()[l.linkId]; as s) {
                  <a
                    mat-button
                    [routerLink]="['/segments', s.id]"
                    [matTooltip]="s.name"
                    data-testid="link-segment-result"
                    [attr.data-size]="s.size"
                    ><mat-icon>filter_alt</mat-icon>Segment · {{ count(s.size) }}
                    {{ s.size === 1 ? 'person' : 'people' }}</a
                  >
                } @else if (canWrite()) {
                  <button
                    mat-stroked-button
                    type="button"
                    (click)="makeSegment(l)"
                    [disabled]="busy() === l.linkId || !l.uniqueClicks"
                    [matTooltip]="
                      l.uniqueClicks ? 'Save the people who clicked this link as a segment' : 'Nobody clicked yet'
                    "
                    data-testid="link-create-segment"
                  >
                    <mat-icon>group_add</mat-icon>Segment of clickers
                  </button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let l; columns: columns" data-testid="link-row" [attr.data-url]="l.url"></tr>
          </table>
        </div>
      } @else {
        <p class="muted empty" data-testid="links-empty">
          No links in this message. Put an http(s) link in the message and each recipient gets a tracked one.
        </p>
      }
    }
  `,
  styles: `
    @use 'list-page';
    @include list-page.table(640px);
    :host {
      display: block;
      position: relative;
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .url {
      max-width: 420px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .url a {
      color: var(--mat-sys-primary);
    }
    .action {
      text-align: right;
      white-space: nowrap;
    }
    .empty {
      margin: 8px 0;
    }
  `,
})
export class CampaignLinksComponent {
  private readonly analytics = inject(AnalyticsApiService);
  private readonly api = inject(CampaignsApiService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  readonly campaignId = input.required<string>();
  readonly canWrite = input(false);
  /** Bumped by the page when the numbers moved. */
  readonly version = input(0);

  protected readonly columns = ['url', 'clicks', 'unique', 'machine', 'segment'];
  protected readonly links = latestValue((id: string) => this.analytics.campaignLinks(id));
  protected readonly busy = signal<number | null>(null);
  protected readonly made = signal<Record<number, SegmentDto>>({});
  protected readonly count = formatCount;

  constructor() {
    effect(() => {
      const id = this.campaignId();
      this.version();
      untracked(() => this.links.load(id));
    });
  }

  protected makeSegment(link: CampaignLinkStatsDto): void {
    this.busy.set(link.linkId);
    this.api.linkClickersSegment(this.campaignId(), link.linkId).subscribe({
      next: (segment) => {
        this.busy.set(null);
        this.made.update((m) => ({ ...m, [link.linkId]: segment }));
        this.snackBar
          .open(`Segment “${segment.name}” saved`, 'Open', { duration: 8000 })
          .onAction()
          .subscribe(() => void this.router.navigate(['/segments', segment.id]));
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }
}
