import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CampaignStatus } from '@mini-crm/contracts';
import { STATUS_LABELS } from './campaign-status.util';

const ICONS: Record<CampaignStatus, string> = {
  draft: '✎',
  scheduled: '◷',
  running: '▶',
  paused: '❚❚',
  completed: '✓',
  cancelled: '✕',
  failed: '!',
};

/** Coloured pill for a campaign status. */
@Component({
  selector: 'crm-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'chip ' + status()", '[attr.data-status]': 'status()' },
  template: `<span class="dot" aria-hidden="true">{{ icon() }}</span
    >{{ label() }}`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 3px 10px 3px 8px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      border: 1px solid transparent;
    }
    .dot {
      font-size: 10px;
      line-height: 1;
    }
    :host(.draft) {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
      border-color: var(--mat-sys-outline-variant);
    }
    :host(.scheduled) {
      background: #e8eafd;
      color: #2f3a9e;
    }
    :host(.running) {
      background: #dff3ff;
      color: #00578a;
    }
    :host(.paused) {
      background: #fff1d6;
      color: #7a4d00;
    }
    :host(.completed) {
      background: #dcf5e3;
      color: #18622f;
    }
    :host(.cancelled) {
      background: #eceff1;
      color: #4f5b62;
      text-decoration: line-through;
      text-decoration-thickness: 1px;
    }
    :host(.failed) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class StatusChipComponent {
  readonly status = input.required<CampaignStatus>();
  protected readonly label = computed(() => STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => ICONS[this.status()]);
}
