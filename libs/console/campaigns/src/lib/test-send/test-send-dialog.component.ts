import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { errorMessage } from '@mini-crm/console/ui';
import {
  TEST_SEND_MAX_RECIPIENTS,
  type CampaignChannel,
  type PreviewSampleDto,
  type TestSendResultDto,
} from '@mini-crm/contracts';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { recipientsProblem, splitRecipients } from './test-recipients.util';

export interface TestSendDialogData {
  channel: CampaignChannel;
  message: string;
  subject: string | null;
  preheader: string | null;
  /** The preview's sample customers: one of them fills the tokens. */
  samples: PreviewSampleDto[];
}

/** "Send a test": the message on screen to addresses or numbers the user types, rendered for a sample customer. */
@Component({
  selector: 'crm-test-send-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Send a test</h2>
    <mat-dialog-content>
      <p class="muted">
        Goes out now through the configured {{ data.channel === 'email' ? 'email' : 'SMS' }} provider, marked as a test.
        It is not part of the campaign and does not count in its stats.
      </p>
      <mat-form-field appearance="outline" class="full">
        <mat-label>{{ data.channel === 'email' ? 'Email addresses' : 'Phone numbers' }}</mat-label>
        <textarea
          matInput
          rows="3"
          [value]="text()"
          (input)="onText($event)"
          [placeholder]="data.channel === 'email' ? 'me@example.com, boss@example.com' : '+91 98765 43210'"
          data-testid="test-send-to"
        ></textarea>
        <mat-hint>Up to {{ max }}, separated by commas or new lines.</mat-hint>
      </mat-form-field>
      <mat-form-field appearance="outline" class="full">
        <mat-label>Personalize as</mat-label>
        <mat-select [value]="customerId()" (valueChange)="customerId.set($event)" data-testid="test-send-customer">
          @for (s of data.samples; track s.customerId) {
            <mat-option [value]="s.customerId"
              >{{ s.customerName || 'Unnamed customer' }} · {{ s.recipient }}</mat-option
            >
          }
        </mat-select>
      </mat-form-field>
      @if (sending()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (touched() && problem(); as p) {
        <p class="error" role="alert" data-testid="test-send-problem">{{ p }}</p>
      }
      @if (error(); as message) {
        <p class="error" role="alert" data-testid="test-send-error">{{ message }}</p>
      }
      @if (result(); as r) {
        <ul class="results" data-testid="test-send-results">
          @for (item of r.results; track item.to) {
            <li [class.failed]="item.status === 'failed'" data-testid="test-send-result">
              <mat-icon inline>{{ item.status === 'sent' ? 'check_circle' : 'error_outline' }}</mat-icon>
              <span class="to">{{ item.to }}</span>
              <span class="detail">{{ item.status === 'sent' ? 'sent via ' + r.provider : item.detail }}</span>
            </li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">Close</button>
      <button
        mat-flat-button
        type="button"
        (click)="send()"
        [disabled]="sending() || !customerId()"
        data-testid="test-send-submit"
      >
        <mat-icon>send</mat-icon>Send test
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .full {
      width: 100%;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      margin-top: 0;
    }
    .error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .results {
      list-style: none;
      padding: 0;
      margin: 8px 0 0;
    }
    .results li {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 0;
      color: var(--mat-sys-primary);
    }
    .results li.failed {
      color: var(--mat-sys-error);
    }
    .to {
      font-weight: 500;
    }
    .detail {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class TestSendDialogComponent {
  protected readonly data = inject<TestSendDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(CampaignsApiService);
  protected readonly max = TEST_SEND_MAX_RECIPIENTS;

  protected readonly text = signal('');
  protected readonly customerId = signal<string | null>(this.data.samples[0]?.customerId ?? null);
  protected readonly touched = signal(false);
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<TestSendResultDto | null>(null);
  private readonly recipients = computed(() => splitRecipients(this.text()));
  protected readonly problem = computed(() => recipientsProblem(this.recipients(), this.data.channel));

  protected onText(event: Event): void {
    this.text.set((event.target as HTMLTextAreaElement).value);
  }

  protected send(): void {
    this.touched.set(true);
    const customerId = this.customerId();
    if (this.problem() || !customerId) return;
    this.sending.set(true);
    this.error.set(null);
    this.result.set(null);
    const email = this.data.channel === 'email';
    this.api
      .testSend({
        channel: this.data.channel,
        message: this.data.message,
        subject: email ? this.data.subject : null,
        preheader: email ? this.data.preheader : null,
        customerId,
        to: this.recipients(),
      })
      .subscribe({
        next: (r) => {
          this.sending.set(false);
          this.result.set(r);
        },
        error: (err: unknown) => {
          this.sending.set(false);
          this.error.set(errorMessage(err));
        },
      });
  }
}
