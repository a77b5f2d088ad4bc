import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { apiUrl } from '@mini-crm/console/core';
import { errorMessage } from '@mini-crm/console/ui';
import type { ChannelCheckDto, ChannelSettingDto, ChannelSettingsDto } from '@mini-crm/contracts';

const PROVIDER_NAMES: Record<string, string> = {
  vendor: 'Messaging vendor (HTTP API)',
  smtp: 'SMTP server',
  twilio: 'Twilio',
};

type Check = { state: 'checking' } | ({ state: 'done' } & ChannelCheckDto);

/**
 * Admin › Settings › Channels: the provider each channel sends through, its sender identity, the environment
 * variables it reads (never their values) and a connection check with its answer in words.
 */
@Component({
  selector: 'crm-channels-section',
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="section" id="channels" data-testid="channels-settings">
      <h2>Channels</h2>
      <p class="muted">
        Where campaigns are sent. Providers and their credentials come from the server's environment
        (<code>EMAIL_PROVIDER</code>, <code>SMS_PROVIDER</code> and the variables listed); secrets are never shown here.
      </p>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <div class="channels">
        @for (c of channels(); track c.channel) {
          <section class="channel" [attr.data-channel]="c.channel" data-testid="channel-setting">
            <header>
              <mat-icon>{{ c.channel === 'email' ? 'mail' : 'sms' }}</mat-icon>
              <h3>{{ c.channel === 'email' ? 'Email' : 'SMS' }}</h3>
              <span class="status" [class.off]="!c.ready" data-testid="channel-ready">
                {{ c.ready ? 'Configured' : 'Not configured' }}
              </span>
            </header>
            <dl>
              <dt>Provider</dt>
              <dd data-testid="channel-provider">
                {{ providerName(c.provider) }} <code>{{ c.provider }}</code>
              </dd>
              <dt>Sender</dt>
              <dd data-testid="channel-sender">{{ c.sender || senderHint(c) }}</dd>
              @if (c.replyTo) {
                <dt>Reply-To</dt>
                <dd>{{ c.replyTo }}</dd>
              }
              <dt>Variables</dt>
              <dd class="vars">
                @for (v of c.variables; track v) {
                  <code>{{ v }}</code>
                }
              </dd>
            </dl>
            <div class="check">
              <button
                mat-stroked-button
                type="button"
                (click)="check(c.channel)"
                [disabled]="checks()[c.channel]?.state === 'checking'"
                data-testid="channel-check"
              >
                <mat-icon>cable</mat-icon>Check connection
              </button>
              @if (checks()[c.channel]; as r) {
                @if (r.state === 'checking') {
                  <mat-spinner diameter="20" />
                } @else {
                  <p
                    class="result"
                    [class.ok]="r.ok"
                    [class.bad]="!r.ok"
                    role="status"
                    data-testid="channel-check-result"
                  >
                    <mat-icon inline>{{ r.ok ? 'check_circle' : 'error_outline' }}</mat-icon>
                    <span
                      ><strong>{{ r.ok ? 'Connected.' : 'Failed.' }}</strong> {{ r.detail }}</span
                    >
                  </p>
                }
              }
            </div>
          </section>
        }
      </div>
    </mat-card>
  `,
  styles: `
    .section {
      padding: 16px 24px;
      margin-bottom: 24px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
    .channels {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
    }
    .channel {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
    }
    header {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    h3 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .status {
      margin-left: auto;
      font: var(--mat-sys-label-medium);
      padding: 2px 10px;
      border-radius: 12px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .status.off {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    dl {
      display: grid;
      grid-template-columns: 90px 1fr;
      gap: 6px 12px;
      margin: 12px 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      word-break: break-word;
    }
    .vars {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    code {
      font-size: 12px;
      padding: 1px 6px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container-high);
    }
    .check {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    .result {
      display: flex;
      gap: 6px;
      align-items: baseline;
      margin: 0;
      flex-basis: 100%;
    }
    .result.ok {
      color: var(--mat-sys-primary);
    }
    .result.bad {
      color: var(--mat-sys-error);
    }
  `,
})
export class ChannelsSectionComponent {
  private readonly http = inject(HttpClient);

  protected readonly channels = signal<ChannelSettingDto[]>([]);
  protected readonly checks = signal<Partial<Record<string, Check>>>({});
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.http.get<ChannelSettingsDto>(apiUrl('/settings/channels')).subscribe({
      next: (s) => this.channels.set(s.items),
      error: (err: unknown) => this.error.set(errorMessage(err)),
    });
  }

  protected providerName(provider: string): string {
    return PROVIDER_NAMES[provider] ?? provider;
  }

  protected senderHint(c: ChannelSettingDto): string {
    if (c.provider === 'vendor') return 'Set by the vendor account';
    return c.channel === 'email' ? 'EMAIL_FROM is not set' : 'TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is not set';
  }

  protected check(channel: string): void {
    this.checks.update((c) => ({ ...c, [channel]: { state: 'checking' } }));
    this.http.post<ChannelCheckDto>(apiUrl(`/settings/channels/${channel}/check`), {}).subscribe({
      next: (r) => this.checks.update((c) => ({ ...c, [channel]: { state: 'done', ...r } })),
      error: (err: unknown) =>
        this.checks.update((c) => ({ ...c, [channel]: { state: 'done', ok: false, detail: errorMessage(err) } })),
    });
  }
}
