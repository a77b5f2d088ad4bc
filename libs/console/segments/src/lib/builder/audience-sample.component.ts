import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { SegmentCustomerDto } from '@mini-crm/contracts';
import { FORMAT_PIPES } from '@mini-crm/console/ui';

/** Up to 20 customers of the previewed audience. */
@Component({
  selector: 'crm-audience-sample',
  imports: [MatIconModule, ...FORMAT_PIPES],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (customers().length) {
      <div class="scroll">
        <table data-testid="sample-table">
          <thead>
            <tr>
              <th>Customer</th>
              <th>City</th>
              <th class="num">Total spend</th>
              <th class="num">Orders</th>
              <th>Last order</th>
            </tr>
          </thead>
          <tbody>
            @for (c of customers(); track c.id) {
              <tr data-testid="sample-row" [attr.data-email]="c.email">
                <td>
                  <div class="name">{{ fullName(c) }}</div>
                  <div class="sub">{{ c.email || c.phone || '—' }}</div>
                </td>
                <td>{{ c.city || '—' }}</td>
                <td class="num">{{ +c.totalSpend | crmMoney }}</td>
                <td class="num">{{ c.orderCount }}</td>
                <td class="muted">{{ c.lastOrderAt ? (c.lastOrderAt | crmDate) : 'Never' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <div class="empty" data-testid="sample-empty">
        <mat-icon>person_off</mat-icon>
        <span>No customers match these rules yet.</span>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      min-width: 640px;
    }
    th {
      text-align: left;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container-low);
      padding: 10px 16px;
    }
    td {
      padding: 10px 16px;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .sub,
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .empty {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 8px;
      padding: 32px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AudienceSampleComponent {
  readonly customers = input<readonly SegmentCustomerDto[]>([]);

  protected fullName(c: SegmentCustomerDto): string {
    return [c.firstName, c.lastName].filter(Boolean).join(' ') || 'Unnamed customer';
  }
}
