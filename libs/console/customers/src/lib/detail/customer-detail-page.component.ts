import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import {
  ConfirmService,
  EmptyStateComponent,
  UserAvatarComponent,
  errorMessage,
  formatMoney,
  FORMAT_PIPES,
  TruncateDirective,
  saveFile,
} from '@mini-crm/console/ui';
import type { CustomerDetailDto, MessageDto } from '@mini-crm/contracts';
import { CustomersApiService } from '../data/customers-api.service';
import { CustomerEngagementComponent } from './customer-engagement.component';
import { CustomerConsentHistoryComponent } from './customer-consent-history.component';
import { CustomerOutlookCardComponent } from '../outlook/customer-outlook-card.component';
import { SUBSCRIPTION_LABELS, attributeText, countryName, customerName } from '../format/customer-format.util';

@Component({
  selector: 'crm-customer-detail-page',
  imports: [
    RouterLink,
    TruncateDirective,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    MatSnackBarModule,
    EmptyStateComponent,
    UserAvatarComponent,
    CustomerEngagementComponent,
    CustomerConsentHistoryComponent,
    CustomerOutlookCardComponent,
    ...FORMAT_PIPES,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './customer-detail-page.component.html',
  styleUrl: './customer-detail-page.component.scss',
})
export class CustomerDetailPageComponent {
  private readonly api = inject(CustomersApiService);
  private readonly router = inject(Router);
  private readonly confirmation = inject(ConfirmService);
  private readonly snackBar = inject(MatSnackBar);

  /** Route param. */
  readonly id = input.required<string>();

  protected readonly canWrite = inject(AuthService).canWrite;
  protected readonly isAdmin = inject(AuthService).isAdmin;
  protected readonly exporting = signal(false);
  protected readonly erasing = signal(false);
  protected readonly historyVersion = signal(0);
  protected readonly customer = signal<CustomerDetailDto | null>(null);
  protected readonly messages = signal<MessageDto[]>([]);
  protected readonly messagesLoaded = signal(false);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly deleting = signal(false);
  protected readonly orderColumns = ['orderedAt', 'externalId', 'status', 'amount'];
  protected readonly messageColumns = ['campaign', 'recipient', 'status', 'sentAt'];
  protected readonly statusLabels = SUBSCRIPTION_LABELS;
  protected readonly money = formatMoney;
  protected readonly attrText = attributeText;

  protected readonly name = computed(() => {
    const c = this.customer();
    return c ? customerName(c) : '';
  });
  protected readonly location = computed(() => {
    const c = this.customer();
    return c ? [c.city, countryName(c.country)].filter(Boolean).join(', ') : '';
  });
  protected readonly attributes = computed(() =>
    Object.entries(this.customer()?.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b)),
  );
  protected readonly averageOrder = computed(() => {
    const c = this.customer();
    return c && c.orderCount > 0 ? Number(c.totalSpend) / c.orderCount : null;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id: string): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.get(id).subscribe({
      next: (c) => {
        this.customer.set(c);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(errorMessage(err));
        this.loading.set(false);
      },
    });
    this.messagesLoaded.set(false);
    this.api.messages(id).subscribe({
      next: (page) => {
        this.messages.set(page.items);
        this.messagesLoaded.set(true);
      },
      error: () => {
        this.messages.set([]);
        this.messagesLoaded.set(true);
      },
    });
  }

  /** Data-subject access request: everything stored about the customer, downloaded as a JSON file. */
  protected exportData(): void {
    const c = this.customer();
    if (!c) return;
    this.exporting.set(true);
    this.api.privacyExport(c.id).subscribe({
      next: (data) => {
        this.exporting.set(false);
        saveFile(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `customer-${c.id}.json`);
      },
      error: (err: unknown) => {
        this.exporting.set(false);
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  /** Erasure behind a typed confirmation (the customer's name or ERASE). */
  protected confirmErase(): void {
    const c = this.customer();
    if (!c) return;
    const name = this.name();
    this.confirmation
      .ask({
        title: `Erase ${name}'s personal data?`,
        message:
          'Their email, phone, name, location, tags, attributes and the text of their messages are removed for good. ' +
          'Orders, counts and the consent history stay; channels they left stay suppressed.',
        confirm: 'Erase',
        danger: true,
        confirmTestId: 'customer-erase-confirm',
        typeToConfirm: c.firstName || c.lastName ? [name, 'ERASE'] : ['ERASE'],
      })
      .subscribe(() => {
        this.erasing.set(true);
        this.api.erase(c.id).subscribe({
          next: () => {
            this.erasing.set(false);
            this.snackBar.open('Personal data erased', 'OK', { duration: 4000 });
            this.historyVersion.update((v) => v + 1);
            this.load(c.id);
          },
          error: (err: unknown) => {
            this.erasing.set(false);
            this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
          },
        });
      });
  }

  protected confirmDelete(): void {
    const c = this.customer();
    if (!c) return;
    this.confirmation
      .ask({
        title: `Delete ${this.name()}?`,
        message:
          'The customer, their orders and their message history are removed for good. Segments and reports will no longer count them.',
        confirm: 'Delete',
        cancel: 'Keep',
        danger: true,
        confirmTestId: 'customer-delete-confirm',
      })
      .subscribe(() => {
        this.deleting.set(true);
        this.api.remove(c.id).subscribe({
          next: () => {
            this.snackBar.open(`${this.name()} was deleted`, 'OK', { duration: 4000 });
            void this.router.navigateByUrl('/customers');
          },
          error: (err: unknown) => {
            this.deleting.set(false);
            this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
          },
        });
      });
  }
}
