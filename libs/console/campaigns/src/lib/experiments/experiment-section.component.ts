import { ChangeDetectionStrategy, Component, computed, inject, input, model, output, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSliderModule } from '@angular/material/slider';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { formatCount, formatPercent } from '@mini-crm/console/ui';
import {
  EXPERIMENT_FALLBACKS,
  EXPERIMENT_METRICS,
  type CampaignChannel,
  type ExperimentSettingsDto,
  type SampleSizeDto,
} from '@mini-crm/contracts';
import { catchError, debounceTime, of, switchMap } from 'rxjs';
import {
  AiSuggestDialogComponent,
  type AiSuggestDialogData,
  type AiSuggestionPick,
} from '../ai/ai-suggest-dialog.component';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { DEFAULT_TEST, VARIANT_KEYS, reachPerVariant, rekeyed, type ExtraVariant } from './experiment-settings.util';

const METRIC_LABELS: Record<(typeof EXPERIMENT_METRICS)[number], string> = {
  click_rate: 'Click rate',
  conversion_rate: 'Conversion rate',
  revenue_per_recipient: 'Revenue per recipient',
  open_rate: 'Open rate (inflated by machine opens)',
};
const FALLBACK_LABELS: Record<(typeof EXPERIMENT_FALLBACKS)[number], string> = {
  best: 'Send the leader anyway',
  first: 'Send variant A',
  manual: 'Wait for me to pick',
};

/**
 * The wizard's A/B test: variants B–E beside the composer's A, a holdout share, and an optional test
 * phase whose winner goes to the rest, with a warning when the audience is too small to tell.
 */
@Component({
  selector: 'crm-experiment-section',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSliderModule,
    MatSlideToggleModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './experiment-section.component.html',
  styleUrl: './experiment-section.component.scss',
})
export class ExperimentSectionComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly dialog = inject(MatDialog);

  readonly channel = input.required<CampaignChannel>();
  /** Who can receive it (null: not known yet). */
  readonly audience = input<number | null>(null);
  readonly variants = model<ExtraVariant[]>([]);
  readonly holdout = model(0);
  readonly test = model<ExperimentSettingsDto | null>(null);
  readonly showRequired = input(false);
  readonly segmentId = input<string | null>(null);
  readonly segmentName = input<string | null>(null);
  /** Variant A (the composer's message) is still empty: AI options fill it first. */
  readonly firstIsEmpty = input(false);
  /** The AI option that becomes variant A (the wizard puts it in the composer). */
  readonly first = output<AiSuggestionPick>();

  protected readonly metrics = EXPERIMENT_METRICS.map((value) => ({ value, label: METRIC_LABELS[value] }));
  protected readonly fallbacks = EXPERIMENT_FALLBACKS.map((value) => ({ value, label: FALLBACK_LABELS[value] }));
  protected readonly nextKey = computed(() => VARIANT_KEYS[this.variants().length + 1] ?? null);
  /** Expected rate of the control and the smallest relative lift worth detecting (sample-size inputs). */
  protected readonly baseline = signal(0.05);
  protected readonly lift = signal(0.2);
  protected readonly pct = formatPercent;
  protected readonly count = formatCount;

  private readonly sizeQuery = computed(() => {
    const k = this.variants().length + 1;
    if (k < 2) return null;
    return {
      baseline: this.baseline(),
      lift: this.lift(),
      confidence: this.test()?.confidence ?? 0.95,
      variants: k,
    };
  });
  protected readonly sampleSize = toSignal(
    toObservable(this.sizeQuery).pipe(
      debounceTime(300),
      switchMap((q) =>
        q ? this.api.sampleSize(q).pipe(catchError(() => of(null as SampleSizeDto | null))) : of(null),
      ),
    ),
    { initialValue: null },
  );
  /** Each variant's reach against what the test needs. */
  protected readonly reach = computed(() => {
    const audience = this.audience();
    if (audience === null) return null;
    return reachPerVariant(audience, this.variants().length + 1, this.holdout(), this.test());
  });
  protected readonly tooSmall = computed(() => {
    const size = this.sampleSize();
    const reach = this.reach();
    return !!size && reach !== null && reach < size.perVariant;
  });

  protected add(): void {
    const key = this.nextKey();
    if (!key) return;
    this.variants.update((v) => [...v, { key, message: '', subject: '' }]);
  }

  protected remove(index: number): void {
    this.variants.update((v) => rekeyed(v.filter((_, i) => i !== index)));
    if (this.variants().length === 0) this.test.set(null);
  }

  protected edit(index: number, field: 'message' | 'subject', event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.variants.update((v) => v.map((x, i) => (i === index ? { ...x, [field]: value } : x)));
  }

  /** "Use AI options as variants": A (when still empty) and then B, C, … from the options, in order. */
  protected fromAi(): void {
    const data: AiSuggestDialogData = {
      channel: this.channel(),
      segmentId: this.segmentId(),
      segmentName: this.segmentName(),
      asVariants: true,
    };
    this.dialog
      .open<AiSuggestDialogComponent, AiSuggestDialogData, AiSuggestionPick>(AiSuggestDialogComponent, {
        data,
        width: '920px',
        maxWidth: '96vw',
        autoFocus: 'dialog',
      })
      .afterClosed()
      .subscribe((pick) => {
        if (!pick) return;
        const options = pick.all ?? [pick.option];
        let rest = options;
        if (this.firstIsEmpty()) {
          this.first.emit({ option: options[0], suggestion: pick.suggestion });
          rest = options.slice(1);
        }
        const extras = rest.slice(0, VARIANT_KEYS.length - 1);
        this.variants.set(
          rekeyed([
            ...this.variants(),
            ...extras.map((o) => ({ key: '', message: o.text, subject: o.subject ?? '' })),
          ]).slice(0, VARIANT_KEYS.length - 1),
        );
      });
  }

  protected onHoldout(percent: number): void {
    this.holdout.set(Math.round(percent) / 100);
  }

  protected toggleTest(on: boolean): void {
    this.test.set(on ? { ...DEFAULT_TEST } : null);
  }

  protected setTest<K extends keyof ExperimentSettingsDto>(key: K, value: ExperimentSettingsDto[K]): void {
    const t = this.test();
    if (t) this.test.set({ ...t, [key]: value });
  }

  /** A share as a whole percent for the inputs (0.07 × 100 is not 7 in floating point). */
  protected percent(share: number): number {
    return Math.round(share * 1000) / 10;
  }

  protected numberOf(event: Event): number {
    return Number((event.target as HTMLInputElement).value);
  }
}
