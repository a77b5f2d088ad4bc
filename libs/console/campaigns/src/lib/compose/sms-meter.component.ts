import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { smsLength, unitsLeft } from '@mini-crm/message-text';
import { FORMAT_PIPES } from '@mini-crm/console/ui';

/** Characters, encoding and segment count of an SMS, measured on the template with fallbacks; plus the longest real rendering when known. */
@Component({
  selector: 'crm-sms-meter',
  imports: [MatIconModule, MatTooltipModule, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    'data-testid': 'sms-meter',
    '[attr.data-encoding]': 'len().encoding',
    '[attr.data-units]': 'len().units',
    '[attr.data-segments]': 'len().segments',
    '[class.warn]': 'len().segments > 1 || len().encoding === "UCS-2"',
  },
  template: `
    <div class="main">
      <span class="figure"
        ><strong>{{ len().units | crmNumber }}</strong>
        {{ len().encoding === 'GSM-7' ? 'characters' : 'UCS-2 units' }}</span
      >
      <span class="sep">·</span>
      <span class="enc" [matTooltip]="encodingHint()">{{ len().encoding }}</span>
      <span class="sep">·</span>
      <span class="figure"
        ><strong>{{ len().segments }}</strong> {{ len().segments === 1 ? 'segment' : 'segments' }}</span
      >
      <span class="left">{{ left() | crmNumber }} left in this segment</span>
    </div>
    <div class="bar" aria-hidden="true"><div class="fill" [style.width.%]="fill()"></div></div>
    @if (len().nonGsm.length) {
      <p class="note">
        <mat-icon inline>info</mat-icon> {{ nonGsmText() }} switch the message to UCS-2 ({{ len().perSegment }} per
        segment).
      </p>
    }
    @if (longestSample() !== null && longestSample()! > len().segments) {
      <p class="note" data-testid="sms-meter-samples">
        <mat-icon inline>people</mat-icon> With real customer values it runs to {{ longestSample() }} segments for some
        recipients.
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 10px 12px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .main {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 6px;
    }
    strong {
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-title-small);
      font-variant-numeric: tabular-nums;
    }
    .enc {
      padding: 1px 8px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-highest);
      font: var(--mat-sys-label-small);
    }
    :host(.warn) .enc {
      background: #fff1d6;
      color: #7a4d00;
    }
    .left {
      margin-left: auto;
    }
    .bar {
      margin-top: 8px;
      height: 4px;
      border-radius: 2px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .fill {
      height: 100%;
      background: var(--mat-sys-primary);
      transition: width 120ms ease-out;
    }
    :host(.warn) .fill {
      background: #c77700;
    }
    .note {
      margin: 8px 0 0;
      display: flex;
      gap: 6px;
      align-items: center;
    }
  `,
})
export class SmsMeterComponent {
  /** Message text to measure (tokens already replaced). */
  readonly text = input.required<string>();
  /** Most segments among the rendered samples, if a preview ran. */
  readonly longestSample = input<number | null>(null);

  protected readonly len = computed(() => smsLength(this.text()));
  protected readonly left = computed(() => unitsLeft(this.len()));
  protected readonly fill = computed(() => {
    const l = this.len();
    if (!l.units) return 0;
    const inSegment = l.units - (l.segments - 1) * l.perSegment;
    return Math.min(100, (inSegment / l.perSegment) * 100);
  });
  protected readonly encodingHint = computed(() =>
    this.len().encoding === 'GSM-7'
      ? 'Standard SMS alphabet: 160 characters in one segment, 153 per segment when split.'
      : 'Unicode: 70 units in one segment, 67 per segment when split.',
  );
  protected readonly nonGsmText = computed(() => {
    const chars = this.len()
      .nonGsm.slice(0, 5)
      .map((c) => `“${c}”`)
      .join(' ');
    return this.len().nonGsm.length > 5 ? `${chars} and more` : chars;
  });
}
