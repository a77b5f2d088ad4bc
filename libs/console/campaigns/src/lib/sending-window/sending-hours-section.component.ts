import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { errorMessage, fieldErrors } from '@mini-crm/console/ui';
import type { CampaignChannel, SendingWindowSettingsDto, UpdateSendingWindowSettingsDto } from '@mini-crm/contracts';
import { SendingSettingsApiService } from './sending-settings-api.service';
import { describeSendingWindow, sendingWindowProblem } from './sending-window.util';

interface ChannelDraft {
  on: boolean;
  start: string;
  end: string;
}

const CHANNELS: readonly { key: CampaignChannel; label: string }[] = [
  { key: 'sms', label: 'SMS' },
  { key: 'email', label: 'Email' },
];

/**
 * Admin › Settings › Sending hours: the workspace's default sending window per channel and the time zone used for
 * recipients whose own zone is unknown. Campaigns use these unless they set their own window.
 */
@Component({
  selector: 'crm-sending-hours-section',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSlideToggleModule,
    MatSnackBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sending-hours-section.component.html',
  styleUrl: './sending-hours-section.component.scss',
})
export class SendingHoursSectionComponent {
  private readonly api = inject(SendingSettingsApiService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly channels = CHANNELS;
  protected readonly loaded = signal<SendingWindowSettingsDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly timeZone = signal('');
  protected readonly drafts = signal<Record<CampaignChannel, ChannelDraft>>({
    sms: { on: false, start: '09:00', end: '21:00' },
    email: { on: false, start: '08:00', end: '20:00' },
  });
  protected readonly serverErrors = signal<Partial<Record<string, string>>>({});
  protected readonly saving = signal(false);

  private readonly zones = supportedTimeZones();
  protected readonly zoneOptions = computed(() => {
    const q = this.timeZone().trim().toLowerCase();
    return (q ? this.zones.filter((z) => z.toLowerCase().includes(q)) : this.zones).slice(0, 50);
  });
  protected readonly zoneProblem = computed(() =>
    isTimeZone(this.timeZone()) ? null : 'Pick a time zone from the list, such as Asia/Kolkata.',
  );
  protected readonly problems = computed(() => {
    const d = this.drafts();
    const out: Partial<Record<CampaignChannel, string>> = {};
    for (const { key } of CHANNELS) {
      const p = d[key].on ? sendingWindowProblem(d[key].start, d[key].end) : null;
      if (p) out[key] = p;
    }
    return out;
  });
  protected readonly valid = computed(() => !this.zoneProblem() && Object.keys(this.problems()).length === 0);

  constructor() {
    this.api.get().subscribe({
      next: (s) => this.apply(s),
      error: (err: unknown) => this.loadError.set(errorMessage(err)),
    });
  }

  protected summary(channel: CampaignChannel): string {
    const d = this.drafts()[channel];
    return d.on ? describeSendingWindow({ start: d.start, end: d.end }) : 'Any time';
  }

  protected setDraft(channel: CampaignChannel, patch: Partial<ChannelDraft>): void {
    this.drafts.update((all) => ({ ...all, [channel]: { ...all[channel], ...patch } }));
  }

  protected read(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected save(): void {
    if (!this.valid() || this.saving()) return;
    const d = this.drafts();
    const body: UpdateSendingWindowSettingsDto = { timeZone: this.timeZone() };
    for (const { key } of CHANNELS) body[key] = d[key].on ? { start: d[key].start, end: d[key].end } : null;
    this.saving.set(true);
    this.serverErrors.set({});
    this.api.update(body).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.apply(saved);
        this.snackBar.open('Sending hours saved. Running campaigns pick them up within seconds.', 'OK', {
          duration: 6000,
        });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const fields = fieldErrors(err);
        this.serverErrors.set(fields);
        if (Object.keys(fields).length === 0)
          this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  private apply(s: SendingWindowSettingsDto): void {
    this.loaded.set(s);
    this.loadError.set(null);
    this.timeZone.set(s.timeZone);
    this.drafts.update((all) => {
      const next = { ...all };
      for (const { key } of CHANNELS) {
        const w = s[key];
        next[key] = w ? { on: true, start: w.start, end: w.end } : { ...all[key], on: false };
      }
      return next;
    });
  }
}

/** Whether the browser knows the zone (its list gives canonical names only, e.g. Asia/Calcutta for Asia/Kolkata). */
function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function supportedTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  // Intl lists UTC under Etc/ names only in some engines; the API accepts the plain name too.
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}
