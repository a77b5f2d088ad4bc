import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CampaignPreviewDto } from '@mini-crm/contracts';
import { FORMAT_PIPES } from '@mini-crm/console/ui';
import { audienceLine } from '../launch/launch-summary.util';

/**
 * The message as real sample customers of the segment would get it. An email is its whole document (as
 * the SMTP provider sends it) in an iframe with `sandbox=""`: no script runs, it has an opaque origin of its
 * own and cannot reach the console; the API has sanitized the body already.
 */
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
    @if (preview()?.warnings?.length) {
      <ul class="warnings" data-testid="preview-warnings">
        @for (w of preview()!.warnings; track w) {
          <li data-testid="preview-warning"><mat-icon inline>warning_amber</mat-icon> {{ w }}</li>
        }
      </ul>
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
            @if (s.preheader) {
              <div class="preheader" data-testid="preview-preheader">{{ s.preheader }}</div>
            }
            <iframe
              class="email-frame"
              sandbox=""
              [srcdoc]="documentOf(s.document ?? s.text)"
              [title]="'Email to ' + (s.customerName || 'a customer')"
              data-testid="preview-frame"
            ></iframe>
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
    .preheader {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 6px;
    }
    .email-frame {
      display: block;
      width: 100%;
      height: 360px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: #fff;
    }
    .warnings {
      list-style: none;
      margin: 8px 0 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-body-small);
    }
    .warnings li {
      display: flex;
      gap: 6px;
      align-items: baseline;
      padding: 2px 0;
    }
  `,
})
export class PreviewSamplesComponent {
  private readonly sanitizer = inject(DomSanitizer);
  private readonly documents = new Map<string, SafeHtml>();

  /**
   * Angular's own HTML sanitizer would strip the document's styles and head; the sandbox is the guard here.
   * Memoized, so a re-render keeps the same value and the frame does not reload.
   */
  protected documentOf(html: string): SafeHtml {
    let safe = this.documents.get(html);
    if (!safe) {
      if (this.documents.size > 20) this.documents.clear();
      safe = this.sanitizer.bypassSecurityTrustHtml(html);
      this.documents.set(html, safe);
    }
    return safe;
  }

  readonly preview = input<CampaignPreviewDto | null>(null);
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly placeholder = input('Write a message to see it for real customers.');
  protected readonly audienceLine = audienceLine;
}
