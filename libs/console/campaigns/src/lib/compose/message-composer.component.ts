import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  model,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { TextFieldModule } from '@angular/cdk/text-field';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { ConfirmService, errorMessage } from '@mini-crm/console/ui';
import {
  ATTRIBUTE_FIELD_PREFIX,
  CAMPAIGN_MESSAGE_MAX,
  PREHEADER_MAX,
  SMS_MESSAGE_MAX,
  type AiSuggestionRefDto,
  type CampaignChannel,
  type CampaignPreviewDto,
  type MessageTokenDto,
} from '@mini-crm/contracts';
import {
  compileTemplate,
  renderWithFallbacks,
  STARTER_TEMPLATES,
  type StarterTemplate,
  tokenText,
  UNSUBSCRIBE_TOKEN,
  unknownTokenNames,
} from '@mini-crm/message-text';
import {
  AiSuggestDialogComponent,
  type AiSuggestDialogData,
  type AiSuggestionPick,
} from '../ai/ai-suggest-dialog.component';
import { EMPTY, catchError, debounceTime, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { TestSendDialogComponent, type TestSendDialogData } from '../test-send/test-send-dialog.component';
import { PreviewSamplesComponent } from './preview-samples.component';
import { SmsMeterComponent } from './sms-meter.component';
import { insertAt, isKnownToken } from './template-tokens.util';

export const PREVIEW_DEBOUNCE_MS = 400;

interface Draft {
  segmentId: string | null;
  channel: CampaignChannel;
  message: string;
  subject: string;
  preheader: string;
}

/**
 * Message editor (+ subject and preheader for email) with a token picker that inserts at the caret, inline
 * token errors, an SMS length meter, a debounced preview for real sample customers (email: the whole
 * document in a sandboxed frame, with warnings) and "Send a test".
 */
@Component({
  selector: 'crm-message-composer',
  imports: [
    TextFieldModule,
    MatButtonModule,
    MatDialogModule,
    MatDividerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    PreviewSamplesComponent,
    SmsMeterComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './message-composer.component.html',
  styleUrl: './message-composer.component.scss',
})
export class MessageComposerComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = inject(ConfirmService);

  // Not required: the wizard reads problems() through a view query before the bindings land.
  readonly channel = input<CampaignChannel>('sms');
  readonly segmentId = input<string | null>(null);
  /** Shown in the AI dialog so the user knows whom the suggestions are for. */
  readonly segmentName = input<string | null>(null);
  readonly message = model('');
  readonly subject = model('');
  /** Email preview text (inbox lists show it after the subject). */
  readonly preheader = model('');
  /** Which AI option the message started from (kept through later edits); null when hand-written. */
  readonly aiSuggestion = model<AiSuggestionRefDto | null>(null);
  /** Show "required" errors (after the user tried to move on). */
  readonly showRequired = input(false);

  private readonly editor = viewChild<ElementRef<HTMLTextAreaElement>>('editor');
  private readonly subjectInput = viewChild<ElementRef<HTMLInputElement>>('subjectInput');
  private readonly preheaderInput = viewChild<ElementRef<HTMLInputElement>>('preheaderInput');
  private target: 'message' | 'subject' | 'preheader' = 'message';
  /** Where the caret goes once the token menu has closed (the menu would otherwise keep focus on its button). */
  private caretAfterMenu: { el: HTMLTextAreaElement | HTMLInputElement; at: number } | null = null;

  protected readonly tokens = signal<MessageTokenDto[]>([]);
  protected readonly attributeKeys = signal<string[]>([]);
  protected readonly fallback = signal('');
  private readonly knownNames = computed(() => new Set(this.tokens().map((t) => t.name)));
  private readonly tokensLoaded = signal(false);

  readonly preview = signal<CampaignPreviewDto | null>(null);
  readonly previewLoading = signal(false);
  readonly previewError = signal<string | null>(null);
  /** Tokens the registry does not know, found locally (before the server says so). */
  readonly unknown = computed(() => {
    if (!this.tokensLoaded()) return [];
    const email = this.channel() === 'email';
    const known = (name: string) => isKnownToken(name, this.knownNames());
    // An email body may place the unsubscribe link; subject and preheader may not.
    const inBody = unknownTokenNames((n) => known(n) || (email && n === UNSUBSCRIBE_TOKEN), this.message());
    const elsewhere = unknownTokenNames(known, email ? this.subject() : null, email ? this.preheader() : null);
    return [...new Set([...inBody, ...elsewhere])];
  });
  protected readonly maxLength = computed(() => (this.channel() === 'sms' ? SMS_MESSAGE_MAX : CAMPAIGN_MESSAGE_MAX));
  protected readonly preheaderMax = PREHEADER_MAX;
  protected readonly unsubscribeToken = UNSUBSCRIBE_TOKEN;
  protected readonly starterTemplates = STARTER_TEMPLATES;
  protected readonly smsText = computed(() => renderWithFallbacks(compileTemplate(this.message())));
  protected readonly longestSample = computed(() => {
    const samples = this.preview()?.samples ?? [];
    return samples.length ? Math.max(...samples.map((s) => s.sms?.segments ?? 0)) : null;
  });
  /** Problems that block the next step. */
  readonly problems = computed(() => {
    const out: string[] = [];
    if (!this.message().trim()) out.push('Write a message.');
    if (this.channel() === 'email' && !this.subject().trim()) out.push('Add a subject.');
    if (this.unknown().length)
      out.push(
        `Unknown token${this.unknown().length > 1 ? 's' : ''}: ${this.unknown()
          .map((n) => `{{${n}}}`)
          .join(', ')}`,
      );
    return out;
  });

  constructor() {
    this.api.tokens().subscribe({
      next: (list) => {
        this.tokens.set(list.tokens);
        this.tokensLoaded.set(true);
      },
      error: () => this.tokensLoaded.set(false),
    });
    this.api
      .segmentFields()
      .subscribe({ next: (f) => this.attributeKeys.set(f.attributeKeys.slice(0, 30)), error: () => undefined });

    const draft = computed<Draft>(() => ({
      segmentId: this.segmentId(),
      channel: this.channel(),
      message: this.message(),
      subject: this.subject(),
      preheader: this.preheader(),
    }));
    toObservable(draft)
      .pipe(
        debounceTime(PREVIEW_DEBOUNCE_MS),
        distinctUntilChanged(
          (a, b) =>
            a.segmentId === b.segmentId &&
            a.channel === b.channel &&
            a.message === b.message &&
            a.subject === b.subject &&
            a.preheader === b.preheader,
        ),
        tap(() => this.previewError.set(null)),
        switchMap((d) => {
          if (!d.segmentId || !d.message.trim() || this.unknown().length) {
            if (!d.message.trim()) this.preview.set(null);
            return of(null);
          }
          this.previewLoading.set(true);
          return this.api
            .previewDraft({
              segmentId: d.segmentId,
              channel: d.channel,
              message: d.message,
              subject: d.channel === 'email' ? d.subject || null : null,
              preheader: d.channel === 'email' ? d.preheader || null : null,
              limit: 3,
            })
            .pipe(
              map((p) => p as CampaignPreviewDto | null),
              catchError((err: unknown) => {
                this.previewLoading.set(false);
                this.previewError.set(
                  err instanceof HttpErrorResponse && err.status === 400
                    ? errorMessage(err)
                    : `Preview unavailable: ${errorMessage(err)}`,
                );
                return EMPTY;
              }),
            );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((p) => {
        this.previewLoading.set(false);
        if (p) this.preview.set(p);
      });

    // A changed channel or segment makes the old samples misleading.
    effect(() => {
      this.channel();
      this.segmentId();
      this.preview.set(null);
    });
  }

  protected readonly placeholder = computed(() =>
    this.channel() === 'sms'
      ? `Hi ${tokenText('first_name', 'there')}, …`
      : `<p>Hi ${tokenText('first_name', 'there')},</p>`,
  );

  protected braces(name: string): string {
    return tokenText(name);
  }

  protected attributeToken(key: string): string {
    return `${ATTRIBUTE_FIELD_PREFIX}${key}`;
  }

  /** "Send a test" needs what a launch needs, and a sample customer to fill the tokens. */
  protected readonly canTest = computed(
    () => !this.problems().length && !!this.preview()?.samples.length && !this.previewLoading(),
  );

  protected openTestSend(): void {
    const preview = this.preview();
    if (!preview) return;
    const email = this.channel() === 'email';
    const data: TestSendDialogData = {
      channel: this.channel(),
      message: this.message(),
      subject: email ? this.subject() : null,
      preheader: email ? this.preheader() || null : null,
      samples: preview.samples,
    };
    this.dialog.open(TestSendDialogComponent, { data, width: '520px', maxWidth: '96vw', autoFocus: 'first-tabbable' });
  }

  /** Email: replaces subject, preheader and body with a starter template (asks first when a message is written). */
  protected useTemplate(t: StarterTemplate): void {
    const apply = () => {
      this.message.set(t.html);
      this.subject.set(t.subject);
      this.preheader.set(t.preheader);
      this.aiSuggestion.set(null);
    };
    if (!this.message().trim()) return apply();
    this.confirm
      .ask({
        title: `Start from “${t.name}”?`,
        message: 'The subject, preheader and message written so far are replaced by the template.',
        confirm: 'Use template',
        confirmTestId: 'template-confirm',
      })
      .subscribe(apply);
  }

  protected focusOn(target: 'message' | 'subject' | 'preheader'): void {
    this.target = target;
  }

  protected onMessageInput(event: Event): void {
    this.message.set((event.target as HTMLTextAreaElement).value);
  }

  protected onSubjectInput(event: Event): void {
    this.subject.set((event.target as HTMLInputElement).value);
  }

  protected onPreheaderInput(event: Event): void {
    this.preheader.set((event.target as HTMLInputElement).value);
  }

  protected onFallbackInput(event: Event): void {
    this.fallback.set((event.target as HTMLInputElement).value);
  }

  /** Opens "Suggest with AI"; the chosen option replaces the message (and subject), still editable. */
  protected suggest(): void {
    const data: AiSuggestDialogData = {
      channel: this.channel(),
      segmentId: this.segmentId(),
      segmentName: this.segmentName(),
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
        const { option, suggestion } = pick;
        this.aiSuggestion.set(suggestion);
        this.message.set(option.text);
        if (this.channel() === 'email' && option.subject) this.subject.set(option.subject);
        this.editor()?.nativeElement.focus();
      });
  }

  /** Inserts `{{name}}` / `{{name|fallback}}` at the caret of the field last focused. */
  protected insert(name: string): void {
    const field = this.channel() === 'email' && name !== UNSUBSCRIBE_TOKEN ? this.target : 'message';
    const el = this.fieldElement(field);
    const current = field === 'subject' ? this.subject() : field === 'preheader' ? this.preheader() : this.message();
    const text =
      name === UNSUBSCRIBE_TOKEN ? `<a href="${tokenText(name)}">Unsubscribe</a>` : tokenText(name, this.fallback());
    const { value, caret } = insertAt(current, el?.selectionStart ?? null, el?.selectionEnd ?? null, text);
    if (field === 'subject') this.subject.set(value);
    else if (field === 'preheader') this.preheader.set(value);
    else this.message.set(value);
    if (el) {
      el.value = value;
      this.caretAfterMenu = { el, at: caret };
    }
  }

  /** After the token menu closes: back in the field, caret right after what was inserted (or where it was). */
  protected returnToField(): void {
    const pending = this.caretAfterMenu;
    this.caretAfterMenu = null;
    const el = pending?.el ?? this.fieldElement(this.channel() === 'email' ? this.target : 'message');
    if (!el) return;
    el.focus();
    if (pending) el.setSelectionRange(pending.at, pending.at);
  }

  private fieldElement(field: 'message' | 'subject' | 'preheader'): HTMLInputElement | HTMLTextAreaElement | undefined {
    if (field === 'subject') return this.subjectInput()?.nativeElement;
    if (field === 'preheader') return this.preheaderInput()?.nativeElement;
    return this.editor()?.nativeElement;
  }
}
