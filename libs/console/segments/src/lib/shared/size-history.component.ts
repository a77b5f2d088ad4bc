import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SegmentSizePointDto } from '@mini-crm/contracts';
import { sparklinePoints } from './sparkline.util';
import { FORMAT_PIPES } from '@mini-crm/console/ui';

const W = 320;
const H = 96;

/** Audience size over time for a saved segment: an area chart with the latest size and range. */
@Component({
  selector: 'crm-size-history',
  imports: [...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (history().length > 1) {
      <svg
        [attr.viewBox]="'0 0 ' + w + ' ' + h"
        preserveAspectRatio="none"
        role="img"
        aria-label="Audience size history"
      >
        <polygon [attr.points]="area()" class="area" />
        <polyline [attr.points]="line()" class="line" />
      </svg>
      <div class="axis">
        <span>{{ history()[0].at | crmDate }}</span>
        <span>min {{ min() | crmNumber }} · max {{ max() | crmNumber }}</span>
        <span>{{ history()[history().length - 1].at | crmDate }}</span>
      </div>
    } @else if (history().length === 1) {
      <p class="hint">
        Size on {{ history()[0].at | crmDate }}: <strong>{{ history()[0].size | crmNumber }}</strong
        >. A snapshot is taken daily and on every save; the trend appears after the next one.
      </p>
    } @else {
      <p class="hint">No snapshots yet. One is taken on every save and once a day.</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    svg {
      width: 100%;
      height: 96px;
      display: block;
    }
    .area {
      fill: color-mix(in srgb, var(--mat-sys-primary) 14%, transparent);
    }
    .line {
      fill: none;
      stroke: var(--mat-sys-primary);
      stroke-width: 2;
      vector-effect: non-scaling-stroke;
    }
    .axis {
      display: flex;
      justify-content: space-between;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      margin-top: 4px;
    }
    .hint {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SizeHistoryComponent {
  readonly history = input<readonly SegmentSizePointDto[]>([]);
  protected readonly w = W;
  protected readonly h = H;
  private readonly sizes = computed(() => this.history().map((p) => p.size));
  protected readonly min = computed(() => Math.min(...this.sizes()));
  protected readonly max = computed(() => Math.max(...this.sizes()));
  protected readonly line = computed(() => sparklinePoints(this.sizes(), W, H, 4));
  protected readonly area = computed(() => {
    const pts = this.line();
    return pts ? `4,${H} ${pts} ${W - 4},${H}` : '';
  });
}
