import { ChangeDetectionStrategy, Component, model, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import type { CampaignChannel } from '@mini-crm/contracts';
import { type DateRange, RANGE_PRESETS, customRange, presetRange } from '../range/date-range.util';

type PresetChoice = `${(typeof RANGE_PRESETS)[number]}` | 'custom';

/** Period (7/30/90 days or custom dates) and channel (all, SMS, email) of the Analytics page. */
@Component({
  selector: 'crm-analytics-filters',
  imports: [MatButtonToggleModule, MatDatepickerModule, MatFormFieldModule],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      hideSingleSelectionIndicator
      aria-label="Period"
      [value]="preset()"
      (change)="pick($event.value)"
      data-testid="range-presets"
    >
      @for (p of presets; track p) {
        <mat-button-toggle [value]="'' + p" [attr.data-testid]="'range-' + p">{{ p }} days</mat-button-toggle>
      }
      <mat-button-toggle value="custom" data-testid="range-custom">Custom</mat-button-toggle>
    </mat-button-toggle-group>

    @if (preset() === 'custom') {
      <mat-form-field subscriptSizing="dynamic" class="dates">
        <mat-label>Dates</mat-label>
        <mat-date-range-input [rangePicker]="picker" [max]="today">
          <input matStartDate placeholder="From" (dateChange)="first.set($event.value); applyCustom()" />
          <input matEndDate placeholder="To" (dateChange)="last.set($event.value); applyCustom()" />
        </mat-date-range-input>
        <mat-datepicker-toggle matIconSuffix [for]="picker" />
        <mat-date-range-picker #picker />
      </mat-form-field>
    }

    <mat-button-toggle-group
      hideSingleSelectionIndicator
      aria-label="Channel"
      [value]="channel() ?? 'all'"
      (change)="channel.set($event.value === 'all' ? null : $event.value)"
      data-testid="channel-filter"
    >
      <mat-button-toggle value="all" data-testid="channel-all">All channels</mat-button-toggle>
      <mat-button-toggle value="sms" data-testid="channel-sms">SMS</mat-button-toggle>
      <mat-button-toggle value="email" data-testid="channel-email">Email</mat-button-toggle>
    </mat-button-toggle-group>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    mat-button-toggle-group {
      --mat-standard-button-toggle-height: 40px;
    }
    .dates {
      width: 260px;
    }
  `,
})
export class AnalyticsFiltersComponent {
  readonly range = model.required<DateRange>();
  readonly channel = model<CampaignChannel | null>(null);

  protected readonly presets = RANGE_PRESETS;
  protected readonly preset = signal<PresetChoice>('30');
  protected readonly first = signal<Date | null>(null);
  protected readonly last = signal<Date | null>(null);
  protected readonly today = new Date();

  protected pick(value: PresetChoice): void {
    this.preset.set(value);
    if (value !== 'custom') this.range.set(presetRange(Number(value)));
    else this.applyCustom();
  }

  protected applyCustom(): void {
    const r = customRange(this.first(), this.last());
    if (r) this.range.set(r);
  }
}
