import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { CampaignChannel, SendingWindow, SendingWindowSettingsDto } from '@mini-crm/contracts';
import { catchError, of } from 'rxjs';
import { SendingSettingsApiService } from './sending-settings-api.service';
import { describeSendingWindow, sendingWindowProblem, type SendingWindowMode } from './sending-window.util';

/**
 * The campaign's sending window ("quiet hours"): the workspace default of the channel, a custom window, or any
 * time. The wizard owns `mode` and `window` (two-way bound, so a restored draft shows its choice) and reads
 * `summary()` for the review step.
 */
@Component({
  selector: 'crm-sending-window-field',
  imports: [MatButtonToggleModule, MatFormFieldModule, MatInputModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="window" data-testid="sending-window">
      <span class="label" id="sending-window-label">Sending hours</span>
      <mat-button-toggle-group
        aria-labelledby="sending-window-label"
        [value]="mode()"
        (change)="mode.set($event.value)"
        hideSingleSelectionIndicator
      >
        <mat-button-toggle value="default" data-testid="sending-window-mode-default"
          >Workspace default</mat-button-toggle
        >
        <mat-button-toggle value="custom" data-testid="sending-window-mode-custom">Custom window</mat-button-toggle>
        <mat-button-toggle value="any" data-testid="sending-window-mode-any">Any time</mat-button-toggle>
      </mat-button-toggle-group>
      @if (mode() === 'custom') {
        <div class="times">
          <mat-form-field appearance="outline">
            <mat-label>Send from</mat-label>
            <input
              matInput
              type="time"
              [value]="window().start"
              (input)="window.set({ start: read($event), end: window().end })"
              data-testid="sending-window-start"
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Until</mat-label>
            <input
              matInput
              type="time"
              [value]="window().end"
              (input)="window.set({ start: window().start, end: read($event) })"
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
          Sends only {{ summary() }}{{ mode() === 'default' ? ' (workspace default)' : '' }}. Recipients outside it wait
          and show as scheduled. Their time zone comes from a <code>timezone</code> attribute, their country or phone
          number, else {{ settings()?.timeZone ?? 'the workspace zone' }}.
        } @else if (mode() === 'any' && workspaceWindow()) {
          Sends at any time, ignoring the workspace’s sending hours ({{ workspaceSummary() }}). Check that the local
          rules for promotional messages allow it.
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
      justify-items: start;
    }
    .label {
      font: var(--mat-sys-title-small);
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
  readonly mode = model<SendingWindowMode>('default');
  readonly window = model<SendingWindow>({ start: '09:00', end: '21:00' });

  protected readonly settings = signal<SendingWindowSettingsDto | null>(null);
  protected readonly problem = computed(() =>
    this.mode() === 'custom' ? sendingWindowProblem(this.window().start, this.window().end) : null,
  );
  protected readonly workspaceWindow = computed(() => this.settings()?.[this.channel()] ?? null);
  protected readonly workspaceSummary = computed(() => describeSendingWindow(this.workspaceWindow()));
  /** The window that will apply: the custom one, the workspace default of the channel, or none. */
  protected readonly effective = computed(() => {
    if (this.mode() === 'any') return null;
    return this.mode() === 'custom' && !this.problem() ? this.window() : this.workspaceWindow();
  });
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
