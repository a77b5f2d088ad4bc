import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { FORMAT_PIPES } from '@mini-crm/console/ui';
import type { CampaignChannel } from '@mini-crm/contracts';
import { catchError, debounceTime, of, switchMap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { suppressedReason } from '../launch/launch-summary.util';

export interface Reach {
  audience: number;
  suppressed: number;
}

/**
 * Who in the chosen segment can receive on the channel, asked as soon as both are known, so a
 * campaign nobody can receive is stopped here and not at launch.
 */
@Component({
  selector: 'crm-audience-reach',
  imports: [...FORMAT_PIPES, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (reach(); as r) {
      @if (r.audience === 0) {
        <div class="blocked" role="alert" data-testid="audience-unreachable">
          <mat-icon>block</mat-icon>
          <span>
            Nobody in “{{ segmentName() }}” can receive {{ via() }}:
            @if (r.suppressed === 0) {
              the segment matches no customers.
            } @else {
              the segment matches {{ r.suppressed | crmCount: 'customer' }}, but none is {{ contact() }}.
            }
            Pick another segment{{ otherChannel() }}.
          </span>
        </div>
      } @else {
        <p class="reach" data-testid="audience-reach" [attr.data-audience]="r.audience">
          <mat-icon inline>groups</mat-icon>
          <strong>{{ r.audience | crmNumber }}</strong> can receive it {{ via() }}
          @if (r.suppressed) {
            <span class="muted">· {{ r.suppressed | crmNumber }} can’t ({{ reason() }})</span>
          }
        </p>
      }
    }
  `,
  styles: `
    .blocked {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin: 12px 0 0;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .reach {
      margin: 12px 0 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AudienceReachComponent {
  private readonly api = inject(CampaignsApiService);
  readonly segmentId = input<string | null>(null);
  readonly segmentName = input<string | null>(null);
  readonly channel = input<CampaignChannel>('sms');
  readonly reach = model<Reach | null>(null);

  protected readonly via = computed(() => (this.channel() === 'sms' ? 'by SMS' : 'by email'));
  protected readonly reason = computed(() => suppressedReason(this.channel()));
  protected readonly contact = computed(() =>
    this.channel() === 'sms' ? 'subscribed to SMS with a phone number' : 'subscribed to email with an address',
  );
  protected readonly otherChannel = computed(() =>
    this.channel() === 'sms' ? ', or go back and choose email' : ', or go back and choose SMS',
  );

  constructor() {
    const ask = computed(() => ({ segmentId: this.segmentId(), channel: this.channel() }));
    toObservable(ask)
      .pipe(
        debounceTime(50),
        switchMap(({ segmentId, channel }) => {
          this.reach.set(null);
          if (!segmentId) return of(null);
          return this.api.previewDraft({ segmentId, channel, message: '', limit: 1 }).pipe(catchError(() => of(null)));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((p) => this.reach.set(p ? { audience: p.audience, suppressed: p.suppressed } : null));
  }
}
