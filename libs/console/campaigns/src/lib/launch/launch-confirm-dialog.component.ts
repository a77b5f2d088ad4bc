import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { FORMAT_PIPES, formatMoney } from '@mini-crm/console/ui';
import type { CampaignPreviewDto } from '@mini-crm/contracts';
import { launchQuestion, messagesLabel, suppressedReason } from './launch-summary.util';

export interface LaunchConfirmData {
  preview: CampaignPreviewDto;
  /** The segment's name, or what a retry goes to. */
  audienceName: string;
  /** Formatted send time when scheduling; null sends now. */
  when: string | null;
  /** Set for a "retry failed" campaign: the original's name. */
  retryOf?: string | null;
}

/** "Send 366 SMS to Pune buyers now?" with reachable, suppressed, channel, segments and cost; true goes ahead. */
@Component({
  selector: 'crm-launch-confirm-dialog',
  imports: [...FORMAT_PIPES, MatDialogModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title data-testid="launch-confirm-title">{{ question }}</h2>
    <mat-dialog-content>
      <dl class="facts" data-testid="launch-confirm-facts">
        <dt>Reachable</dt>
        <dd data-testid="launch-confirm-audience" [attr.data-value]="p.audience">
          <strong>{{ p.audience | crmNumber }}</strong> {{ p.audience | crmPlural: 'recipient' }}
        </dd>
        <dt>Suppressed</dt>
        <dd data-testid="launch-confirm-suppressed" [attr.data-value]="p.suppressed">
          {{ p.suppressed | crmNumber }}
          @if (p.suppressed) {
            <span class="muted">({{ reason }})</span>
          }
        </dd>
        <dt>Channel</dt>
        <dd>{{ p.channel === 'sms' ? 'SMS' : 'Email' }}</dd>
        @if (p.estimate.smsSegments !== null && p.estimate.smsSegments !== undefined) {
          <dt>SMS segments</dt>
          <dd data-testid="launch-confirm-segments" [attr.data-value]="p.estimate.smsSegments">
            about {{ p.estimate.smsSegments | crmNumber }}
            <span class="muted">({{ p.estimate.smsSegmentsPerMessage }} per message)</span>
          </dd>
        }
        @if (cost) {
          <dt>Estimated cost</dt>
          <dd data-testid="launch-confirm-cost">{{ cost }}</dd>
        }
        @if (data.retryOf) {
          <dt>Retry of</dt>
          <dd>{{ data.retryOf }} <span class="muted">(only messages that failed for a temporary reason)</span></dd>
        }
      </dl>
      @if (data.when === null) {
        <p class="note"><mat-icon inline>info</mat-icon> Sending starts at once and cannot be undone.</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button [mat-dialog-close]="false" data-testid="launch-confirm-cancel">Not yet</button>
      <button mat-flat-button [mat-dialog-close]="true" data-testid="launch-confirm-ok">
        <mat-icon>{{ data.when ? 'schedule_send' : 'send' }}</mat-icon>
        {{ data.when ? 'Schedule' : 'Send ' + label }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 0;
      max-width: 460px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .note {
      margin: 16px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LaunchConfirmDialogComponent {
  protected readonly data = inject<LaunchConfirmData>(MAT_DIALOG_DATA);
  protected readonly p = this.data.preview;
  protected readonly question = launchQuestion(this.p, this.data.audienceName, this.data.when);
  protected readonly label = messagesLabel(this.p.audience, this.p.channel);
  protected readonly reason = suppressedReason(this.p.channel);
  protected readonly cost =
    this.p.estimate.cost === null || this.p.estimate.cost === undefined
      ? null
      : formatMoney(this.p.estimate.cost, this.p.estimate.currency);
}
