import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { errorMessage, FORMAT_PIPES } from '@mini-crm/console/ui';
import {
  AI_INSTRUCTIONS_MAX,
  type AiMessageIntent,
  type AiMessageLength,
  type AiMessageOptionDto,
  type AiMessageTone,
  type AiMessagesResponseDto,
  type AiSuggestionRefDto,
  type CampaignChannel,
} from '@mini-crm/contracts';
import { AiMessagesApiService } from '../data/ai-messages-api.service';
import { INTENT_LABELS, LENGTH_LABELS, TONE_LABELS, providerLabel } from './ai-labels.util';

/** What the dialog closes with: the option, and which one it was (analytics compare AI with hand-written). */
export interface AiSuggestionPick {
  option: AiMessageOptionDto;
  suggestion: AiSuggestionRefDto;
  /** "Use all as variants": every option, in order (`option` is then the first). */
  all?: AiMessageOptionDto[];
}

export interface AiSuggestDialogData {
  channel: CampaignChannel;
  segmentId: string | null;
  segmentName: string | null;
  /** Offer "Use all as variants" (the wizard's A/B test section). */
  asVariants?: boolean;
}

const entries = <K extends string>(labels: Readonly<Record<K, string>>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** Asks the AI endpoint for message options; closes with the option the user picks. */
@Component({
  selector: 'crm-ai-suggest-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    ...FORMAT_PIPES,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ai-suggest-dialog.component.html',
  styleUrl: './ai-suggest-dialog.component.scss',
})
export class AiSuggestDialogComponent {
  protected readonly data = inject<AiSuggestDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<AiSuggestDialogComponent, AiSuggestionPick>>(MatDialogRef);
  private readonly api = inject(AiMessagesApiService);

  protected readonly intents = entries(INTENT_LABELS);
  protected readonly tones = entries(TONE_LABELS);
  protected readonly lengths = entries(LENGTH_LABELS);
  protected readonly instructionsMax = AI_INSTRUCTIONS_MAX;

  protected readonly intent = signal<AiMessageIntent>('win_back');
  protected readonly tone = signal<AiMessageTone>('friendly');
  protected readonly length = signal<AiMessageLength>('short');
  protected readonly instructions = signal('');
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<AiMessagesResponseDto | null>(null);

  protected readonly needsInstructions = computed(() => this.intent() === 'custom' && !this.instructions().trim());
  protected readonly provider = computed(() => {
    const r = this.result();
    return r ? providerLabel(r.provider) : null;
  });

  protected onInstructions(event: Event): void {
    this.instructions.set((event.target as HTMLTextAreaElement).value);
  }

  protected generate(): void {
    if (this.loading() || this.needsInstructions()) return;
    this.loading.set(true);
    this.error.set(null);
    const instructions = this.instructions().trim();
    this.api
      .suggest({
        intent: this.intent(),
        channel: this.data.channel,
        tone: this.tone(),
        length: this.length(),
        ...(this.data.segmentId ? { segmentId: this.data.segmentId } : {}),
        ...(instructions ? { instructions } : {}),
      })
      .subscribe({
        next: (r) => {
          this.loading.set(false);
          this.result.set(r);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(errorMessage(err));
        },
      });
  }

  protected use(option: AiMessageOptionDto, index: number): void {
    const provider = this.result()?.provider;
    if (!provider) return;
    this.ref.close({ option, suggestion: { provider, index } } satisfies AiSuggestionPick);
  }

  protected useAll(): void {
    const r = this.result();
    if (!r?.options.length) return;
    this.ref.close({
      option: r.options[0],
      suggestion: { provider: r.provider, index: 0 },
      all: r.options,
    } satisfies AiSuggestionPick);
  }
}
