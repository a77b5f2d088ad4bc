import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { sparklinePoints, trendDirection } from './sparkline.util';

/** Tiny inline trend line of audience sizes (oldest first). */
@Component({
  selector: 'crm-sparkline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (values().length > 1) {
      <svg
        [attr.width]="width()"
        [attr.height]="height()"
        [attr.viewBox]="'0 0 ' + width() + ' ' + height()"
        role="img"
        [attr.aria-label]="label()"
      >
        <polyline
          [attr.points]="points()"
          fill="none"
          stroke-width="2"
          stroke-linejoin="round"
          stroke-linecap="round"
          [class]="direction()"
        />
      </svg>
    } @else {
      <span class="none">—</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
    }
    polyline {
      stroke: var(--mat-sys-primary);
    }
    polyline.down {
      stroke: var(--mat-sys-error);
    }
    polyline.up {
      stroke: #2e7d32;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SparklineComponent {
  readonly values = input<readonly number[]>([]);
  readonly width = input(96);
  readonly height = input(28);

  protected readonly points = computed(() => sparklinePoints(this.values(), this.width(), this.height(), 3));
  protected readonly direction = computed(() => trendDirection(this.values()));
  protected readonly label = computed(() => `Size trend: ${this.values().join(', ')}`);
}
