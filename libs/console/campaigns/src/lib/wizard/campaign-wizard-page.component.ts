import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerInputEvent, MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioChange, MatRadioModule } from '@angular/material/radio';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { Router, RouterLink } from '@angular/router';
import { PageHeaderComponent, errorMessage, FORMAT_PIPES } from '@mini-crm/console/ui';
import type {
  AiSuggestionRefDto,
  CampaignChannel,
  CampaignDto,
  CreateCampaignDto,
  SegmentDto,
} from '@mini-crm/contracts';
import { EMPTY, Observable, catchError, of, switchMap } from 'rxjs';
import { MessageComposerComponent } from '../compose/message-composer.component';
import { CampaignsApiService } from '../data/campaigns-api.service';
import {
  combineDateTime,
  defaultScheduleTime,
  scheduleProblem,
  timeOf,
  timezoneLabel,
} from '../schedule/schedule.util';
import { SendingWindowFieldComponent } from '../sending-window/sending-window-field.component';
import { SegmentPickerComponent } from './segment-picker.component';
import { StepNextActionsComponent } from './step-next-actions.component';

type SendMode = 'now' | 'schedule';

/** Name & channel → segment → message → when → review & launch. */
@Component({
  selector: 'crm-campaign-wizard-page',
  imports: [
    RouterLink,
    MatStepperModule,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatDatepickerModule,
    MatSnackBarModule,
    MatProgressSpinnerModule,
    PageHeaderComponent,
    SegmentPickerComponent,
    StepNextActionsComponent,
    MessageComposerComponent,
    SendingWindowFieldComponent,
    ...FORMAT_PIPES,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaign-wizard-page.component.html',
  styleUrl: './campaign-wizard-page.component.scss',
})
export class CampaignWizardPageComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly stepper = viewChild.required(MatStepper);
  protected readonly composer = viewChild(MessageComposerComponent);
  protected readonly sendingWindow = viewChild(SendingWindowFieldComponent);

  protected readonly name = signal('');
  protected readonly channel = signal<CampaignChannel>('sms');
  protected readonly segment = signal<SegmentDto | null>(null);
  protected readonly message = signal('');
  protected readonly subject = signal('');
  protected readonly aiSuggestion = signal<AiSuggestionRefDto | null>(null);
  protected readonly sendMode = signal<SendMode>('now');
  private readonly initial = defaultScheduleTime();
  protected readonly date = signal<Date | null>(this.initial);
  protected readonly time = signal(timeOf(this.initial));
  protected readonly today = new Date();
  /** Steps the user tried to leave: their errors show from then on. */
  protected readonly attempted = signal<ReadonlySet<number>>(new Set());
  protected readonly busy = signal<'launch' | 'draft' | null>(null);
  protected readonly submitError = signal<string | null>(null);

  protected readonly nameValid = computed(() => this.name().trim().length > 0 && this.name().length <= 200);
  protected readonly composeProblems = computed(() => this.composer()?.problems() ?? ['Write a message.']);
  /** What still blocks the message step; token problems are already spelled out under the editor. */
  protected readonly composeHint = computed(() => {
    const other = this.composeProblems().filter((p) => !p.startsWith('Unknown token'));
    return other.length ? other.join(' ') : 'Fix the unknown token above to continue.';
  });
  protected readonly scheduledAt = computed(() => combineDateTime(this.date(), this.time()));
  protected readonly scheduleIssue = computed(() =>
    this.sendMode() === 'now' ? null : scheduleProblem(this.scheduledAt()),
  );
  protected readonly timezone = computed(() => timezoneLabel(this.scheduledAt() ?? new Date()));
  protected readonly preview = computed(() => this.composer()?.preview() ?? null);
  protected readonly audience = computed(() => this.preview()?.audience ?? this.segment()?.size ?? null);
  protected readonly firstSample = computed(() => this.preview()?.samples[0] ?? null);
  protected readonly valid = computed(() => [
    this.nameValid(),
    !!this.segment(),
    this.composeProblems().length === 0,
    this.scheduleIssue() === null && (this.sendingWindow()?.valid() ?? true),
  ]);
  protected readonly allValid = computed(() => this.valid().every(Boolean));

  protected showErrors(step: number): boolean {
    return this.attempted().has(step);
  }

  protected next(step: number): void {
    this.attempted.update((s) => new Set(s).add(step));
    if (this.valid()[step]) this.stepper().next();
  }

  protected onName(event: Event): void {
    this.name.set((event.target as HTMLInputElement).value);
  }

  protected onMode(event: MatRadioChange): void {
    this.sendMode.set(event.value as SendMode);
  }

  protected onDate(event: MatDatepickerInputEvent<Date>): void {
    this.date.set(event.value);
  }

  protected onTime(event: Event): void {
    this.time.set((event.target as HTMLInputElement).value);
  }

  protected launch(): void {
    this.submit('launch', (c) => {
      const at = this.sendMode() === 'schedule' ? this.scheduledAt() : null;
      return this.api.launch(c.id, at ? { scheduledAt: at.toISOString() } : {}).pipe(
        catchError((err: unknown) => {
          // The draft exists; take the user to it so nothing is lost.
          this.snackBar.open(`Saved as a draft, but launching failed: ${errorMessage(err)}`, 'Dismiss', {
            duration: 10000,
            panelClass: 'crm-snack-error',
          });
          void this.router.navigate(['/campaigns', c.id]);
          return EMPTY;
        }),
      );
    });
  }

  protected saveDraft(): void {
    this.submit('draft', (c) => of(c));
  }

  private submit(kind: 'launch' | 'draft', then: (c: CampaignDto) => Observable<CampaignDto>): void {
    const segment = this.segment();
    if (!segment || !this.allValid() || this.busy()) return;
    this.busy.set(kind);
    this.submitError.set(null);
    const at = this.sendMode() === 'schedule' ? this.scheduledAt() : null;
    const body: CreateCampaignDto = {
      name: this.name().trim(),
      segmentId: segment.id,
      channel: this.channel(),
      message: this.message(),
      ...(this.channel() === 'email' ? { subject: this.subject() } : {}),
      ...(at ? { scheduledAt: at.toISOString() } : {}),
      ...(this.sendingWindow()?.value() ? { sendingWindow: this.sendingWindow()!.value() } : {}),
      ...(this.aiSuggestion() && this.message().trim() ? { aiSuggestion: this.aiSuggestion()! } : {}),
    };
    this.api
      .create(body)
      .pipe(
        catchError((err: unknown) => {
          this.busy.set(null);
          this.submitError.set(errorMessage(err));
          return EMPTY;
        }),
        switchMap(then),
      )
      .subscribe({
        next: (c) => {
          this.busy.set(null);
          const text =
            kind === 'draft' ? 'Draft saved' : c.status === 'scheduled' ? 'Campaign scheduled' : 'Campaign launched';
          this.snackBar.open(text, 'OK', { duration: 4000 });
          void this.router.navigate(['/campaigns', c.id]);
        },
        complete: () => this.busy.set(null),
      });
  }
}
