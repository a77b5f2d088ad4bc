import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CampaignPreviewDto } from '@mini-crm/contracts';
import { FORMAT_PIPES } from '@mini-crm/console/ui';
import { audienceLine } from '../launch/launch-summary.util';

/** The message as real sample customers of the segment would get it. Email bodies are HTML (sanitized by Angular). */
@Component({
  selector: 'crm-preview-samples',
  imports: [MatIconModule, MatProgressBarModule, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header>
      <h3>Live preview</h3>
      @if (preview(); as p) {
        <span class="audience" data-testid="preview-audience">{{ audienceLine(p.audience, p.suppressed) }}</span>
      }
    </header>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" class="loading" />
    }
    @if (error(); as message) {
      <p class="error" role="alert" data-testid="preview-error">
        <mat-icon inline>error_outline</mat-icon> {{ message }}
      </p>
    } @else if (!preview()) {
      <p class="hint">{{ placeholder() }}</p>
    } @else if (preview()!.samples.length === 0) {
      <p class="hint">Nobody in this segment can be reached on this channel right now.</p>
    }
    @if (preview(); as p) {
      @for (s of p.samples; track s.customerId) {
        <article
          class="sample"
          [class.email]="p.channel === 'email'"
          data-testid="preview-sample"
          [attr.data-customer]="s.customerName"
        >
          <div class="who">
            <mat-icon inline>{{ p.channel === 'sms' ? 'smartphone' : 'mail' }}</mat-icon>
            <strong>{{ s.customerName || 'Unnamed customer' }}</strong>
            <span class="recipient">{{ s.recipient }}</span>
            @if (s.sms) {
              <span class="segments">{{ s.sms.units }} · {{ s.sms.segments }} seg</span>
            }
          </div>
          @if (p.channel === 'email') {
            <div class="subject">{{ s.subject }}</div>
            <div class="body html" [innerHTML]="s.text"></div>
          } @else {
            <div class="body bubble">{{ s.text }}</div>
          }
        </article>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    header {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 8px;
      margin-bottom: 8px;
    }
    h3 {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .audience {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .loading {
      position: absolute;
      top: 26px;
      left: 0;
      right: 0;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      margin: 12px 0;
    }
    .error {
      display: flex;
      gap: 6px;
      align-items: center;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      margin: 12px 0;
    }
    .sample {
      padding: 10px 12px;
      margin-top: 10px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    .who {
      display: flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-medium);
      margin-bottom: 6px;
    }
    .recipient {
      color: var(--mat-sys-on-surface-variant);
    }
    .segments {
      margin-left: auto;
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .subject {
      font: var(--mat-sys-title-small);
      margin-bottom: 4px;
    }
    .body {
      font: var(--mat-sys-body-medium);
      white-space: pre-wrap;
      word-break: break-word;
    }
    .bubble {
      display: inline-block;
      padding: 8px 12px;
      border-radius: 16px 16px 16px 4px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .html {
      white-space: normal;
    }
  `,
})
export class PreviewSamplesComponent {
  readonly preview = input<CampaignPreviewDto | null>(null);
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly placeholder = input('Write a message to see it for real customers.');
  protected readonly audienceLine = audienceLine;
}
