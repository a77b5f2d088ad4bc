import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { CampaignChannel, SendingWindow, SendingWindowSettingsDto } from '@mini-crm/contracts';
import { catchError, of } from 'rxjs';
import { SendingSettingsApiService } from './sending-settings-api.service';
import { describeSendingWindow, sendingWindowProblem } from './sending-window.util';

/**
 * The campaign's sending window ("quiet hours"): the workspace default of the channel, or a
 * custom window. The wizard reads `value()` (null: the workspace default), `valid()` and `summary()`.
 */
@Component({
  selector: 'crm-sending-window-field',
  imports: [MatFormFieldModule, MatInputModule, MatIconModule, MatSlideToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="window" data-testid="sending-window">
      <mat-slide-toggle [checked]="custom()" (change)="custom.set($event.checked)" data-testid="sending-window-custom">
        Custom sending window
      </mat-slide-toggle>
      @if (custom()) {
        <div class="times">
          <mat-form-field appearance="outline">
            <mat-label>Send from</mat-label>
            <input
              matInput
              type="time"
              [value]="start()"
              (input)="start.set(read($event))"
              data-testid="sending-window-start"
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Until</mat-label>
            <input
              matInput
              type="time"
              [value]="end()"
              (input)="end.set(read($event))"
              data-testid="sending-window-end"
            />
          </mat-form-field>
        </div>
        @if (problem(); as p) {
          <p class="err" role="alert" data-testid="sending-window-error">{{ p }}</p>
        }
      }
      <p class="hint" data-testid="sending-window-hint">
        <mat-icon inline>bedtime</mat-icon>
        @if (effective(); as w) {
          Sends only {{ summary() }}{{ custom() ? '' : ' (workspace default)' }}. Recipients outside it wait and show as
          scheduled. Their time zone comes from a <code>timezone</code> attribute, their country or phone number, else
          {{ settings()?.timeZone ?? 'the workspace zone' }}.
        } @else {
          No sending window for {{ channel() === 'sms' ? 'SMS' : 'email' }}: messages go out at any time.
        }
      </p>
    </section>
  `,
  styles: `
    .window {
      display: grid;
      gap: 8px;
      margin-top: 16px;
    }
    .times {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
    .err {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      margin: 0;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      margin: 0;
    }
  `,
})
export class SendingWindowFieldComponent {
  readonly channel = input.required<CampaignChannel>();

  protected readonly custom = signal(false);
  protected readonly start = signal('09:00');
  protected readonly end = signal('21:00');
  protected readonly settings = signal<SendingWindowSettingsDto | null>(null);

  protected readonly problem = computed(() => (this.custom() ? sendingWindowProblem(this.start(), this.end()) : null));
  /** The campaign's own window to send with the campaign; null: the workspace default. */
  readonly value = computed<SendingWindow | null>(() =>
    this.custom() && !this.problem() ? { start: this.start(), end: this.end() } : null,
  );
  readonly valid = computed(() => this.problem() === null);
  /** The window that will apply: the custom one, else the workspace default of the channel. */
  protected readonly effective = computed(() => this.value() ?? this.settings()?.[this.channel()] ?? null);
  readonly summary = computed(() =>
    describeSendingWindow(this.effective()).replace('Any time', 'Any time (no sending window)'),
  );

  constructor() {
    inject(SendingSettingsApiService)
      .get()
      .pipe(
        catchError(() => of(null)),
        takeUntilDestroyed(),
      )
      .subscribe((s) => this.settings.set(s));
  }

  protected read(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
