import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { ErrorBannerComponent, formatMoney, latestValue, FORMAT_PIPES } from '@mini-crm/console/ui';
import { CustomersApiService } from '../data/customers-api.service';
import { engagementSteps, engagementSummary } from './engagement-steps.util';

/** Each campaign that reached the customer, newest first, with how far they went: delivered → converted. */
@Component({
  selector: 'crm-customer-engagement',
  imports: [RouterLink, MatIconModule, MatProgressBarModule, MatTooltipModule, ErrorBannerComponent, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (engagement.loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (engagement.error(); as message) {
      <crm-error-banner [message]="message" (retry)="engagement.reload()" />
    }
    @if (engagement.value()?.items; as items) {
      @if (items.length) {
        <ol class="timeline" data-testid="customer-engagement">
          @for (it of items; track it.campaignId) {
            <li data-testid="engagement-item" [attr.data-campaign]="it.campaignName" [attr.data-summary]="summary(it)">
              <div class="dot" [class.hot]="it.clickedAt || it.convertedAt"></div>
              <div class="body">
                <div class="title">
                  <mat-icon inline>{{ it.channel === 'sms' ? 'sms' : 'mail' }}</mat-icon>
                  <a [routerLink]="['/campaigns', it.campaignId]">{{ it.campaignName }}</a>
                  <span class="when">{{ it.sentAt | crmDateTime }}</span>
                </div>
                <div class="steps">
                  @for (s of steps(it); track s.key) {
                    <span
                      class="step"
                      [class.done]="!!s.at"
                      [attr.data-testid]="'engagement-' + s.key"
                      [attr.data-done]="!!s.at"
                      [matTooltip]="
                        s.at ? s.label + ' ' + (s.at | crmDateTime: 'seconds') : 'Not ' + s.label.toLowerCase()
                      "
                      ><mat-icon inline>{{ s.at ? s.icon : 'radio_button_unchecked' }}</mat-icon
                      >{{ s.label }}</span
                    >
                  }
                  @if (it.messageStatus === 'failed') {
                    <span class="step failed"><mat-icon inline>error</mat-icon>Failed</span>
                  }
                  @if (it.revenue > 0) {
                    <span class="revenue">{{ money(it.revenue) }}</span>
                  }
                </div>
              </div>
            </li>
          }
        </ol>
      } @else {
        <p class="muted" data-testid="customer-engagement-empty">No campaign has reached this customer yet.</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 0 20px 16px;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: grid;
      grid-template-columns: 16px 1fr;
      gap: 12px;
      padding: 10px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    li:last-child {
      border-bottom: 0;
    }
    .dot {
      width: 10px;
      height: 10px;
      margin-top: 6px;
      border-radius: 50%;
      background: var(--mat-sys-outline);
    }
    .dot.hot {
      background: #7b4fc9;
    }
    .title {
      display: flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-title-small);
    }
    .title a {
      color: var(--mat-sys-on-surface);
      text-decoration: none;
    }
    .title a:hover {
      color: var(--mat-sys-primary);
      text-decoration: underline;
    }
    .when,
    .muted {
      margin-left: auto;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .muted {
      margin: 8px 0;
    }
    .steps {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      margin-top: 6px;
    }
    .step {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 8px;
      border-radius: 8px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container);
    }
    .step.done {
      color: var(--mat-sys-on-primary-container);
      background: var(--mat-sys-primary-container);
    }
    .step.failed {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
    .revenue {
      margin-left: 4px;
      font: var(--mat-sys-label-large);
      color: #1b7f3b;
    }
  `,
})
export class CustomerEngagementComponent {
  private readonly api = inject(CustomersApiService);

  readonly customerId = input.required<string>();

  protected readonly engagement = latestValue((id: string) => this.api.engagement(id));
  protected readonly steps = engagementSteps;
  protected readonly summary = engagementSummary;
  protected readonly money = formatMoney;

  constructor() {
    effect(() => {
      const id = this.customerId();
      untracked(() => this.engagement.load(id));
    });
  }
}
