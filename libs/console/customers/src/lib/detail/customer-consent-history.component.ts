import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { EmptyStateComponent, FORMAT_PIPES, TruncateDirective, errorMessage } from '@mini-crm/console/ui';
import type { ConsentEventDto, ConsentSource } from '@mini-crm/contracts';
import { CustomersApiService } from '../data/customers-api.service';
import { SUBSCRIPTION_LABELS } from '../format/customer-format.util';

const SOURCE_LABELS: Record<ConsentSource, string> = {
  import: 'Import',
  api: 'Team member',
  unsubscribe_link: 'Unsubscribe link',
  stop: 'SMS STOP',
  start: 'SMS START',
  bounce: 'Bounce',
  complaint: 'Spam complaint',
  admin: 'Admin',
};

/** The customer's consent changes, newest first: when, channel, status, where it came from, who. */
@Component({
  selector: 'crm-customer-consent-history',
  imports: [MatTableModule, EmptyStateComponent, TruncateDirective, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as message) {
      <p class="error">{{ message }}</p>
    } @else if (loaded() && items().length === 0) {
      <crm-empty-state icon="history" title="No consent changes yet" message="" />
    } @else {
      <table mat-table [dataSource]="items()" class="history" data-testid="consent-history">
        <ng-container matColumnDef="at">
          <th mat-header-cell *matHeaderCellDef>When</th>
          <td mat-cell *matCellDef="let e">{{ e.at | crmDateTime }}</td>
        </ng-container>
        <ng-container matColumnDef="channel">
          <th mat-header-cell *matHeaderCellDef>Channel</th>
          <td mat-cell *matCellDef="let e">{{ e.channel === 'sms' ? 'SMS' : 'Email' }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let e" data-testid="consent-history-status">
            {{ statusLabels[e.status] ?? e.status }}
          </td>
        </ng-container>
        <ng-container matColumnDef="source">
          <th mat-header-cell *matHeaderCellDef>Source</th>
          <td mat-cell *matCellDef="let e" data-testid="consent-history-source">
            <span [crmTruncate]="e.note ? sourceLabels[e.source] + ' — ' + e.note : sourceLabels[e.source]">
              {{ sourceLabels[e.source] ?? e.source }}
              @if (e.note) {
                — {{ e.note }}
              }
            </span>
          </td>
        </ng-container>
        <ng-container matColumnDef="by">
          <th mat-header-cell *matHeaderCellDef>By</th>
          <td mat-cell *matCellDef="let e">
            {{ e.actorEmail ?? (e.source === 'bounce' ? 'The email service' : 'The recipient') }}
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    }
  `,
  styles: `
    .history {
      width: 100%;
      table-layout: fixed;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class CustomerConsentHistoryComponent {
  private readonly api = inject(CustomersApiService);

  readonly customerId = input.required<string>();
  /** Bumped by the page after something that changes consent (erasure), to reload. */
  readonly version = input(0);

  protected readonly items = signal<ConsentEventDto[]>([]);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly columns = ['at', 'channel', 'status', 'source', 'by'];
  protected readonly statusLabels: Record<string, string> = SUBSCRIPTION_LABELS;
  protected readonly sourceLabels: Record<string, string> = SOURCE_LABELS;

  constructor() {
    effect(() => {
      const id = this.customerId();
      this.version();
      untracked(() => this.load(id));
    });
  }

  private load(id: string): void {
    this.api.consentHistory(id).subscribe({
      next: (h) => {
        this.items.set(h.items);
        this.loaded.set(true);
        this.error.set(null);
      },
      error: (err: unknown) => this.error.set(errorMessage(err)),
    });
  }
}
