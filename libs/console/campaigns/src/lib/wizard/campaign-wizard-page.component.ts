import {
  AfterViewInit,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  HostListener,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { StepperSelectionEvent } from '@angular/cdk/stepper';
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
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ConfirmService, FORMAT_PIPES, PageHeaderComponent, errorMessage } from '@mini-crm/console/ui';
import type { AiSuggestionRefDto, CampaignChannel, CampaignDto, SegmentDto, SendingWindow } from '@mini-crm/contracts';
import { EMPTY, Observable, catchError, defaultIfEmpty, map, of, switchMap } from 'rxjs';
import type { AiSuggestionPick } from '../ai/ai-suggest-dialog.component';
import { MessageComposerComponent } from '../compose/message-composer.component';
import { ExperimentSectionComponent } from '../experiments/experiment-section.component';
import { variantProblems } from '../experiments/experiment-settings.util';
import { WizardExperiment } from '../experiments/wizard-experiment';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { LaunchFlowService } from '../launch/launch-flow.service';
import {
  combineDateTime,
  defaultScheduleTime,
  scheduleProblem,
  timeOf,
  timezoneLabel,
} from '../schedule/schedule.util';
import { SendingWindowFieldComponent } from '../sending-window/sending-window-field.component';
import {
  sendingWindowFields,
  sendingWindowModeOf,
  sendingWindowProblem,
  type SendingWindowMode,
} from '../sending-window/sending-window.util';
import { AudienceReachComponent, type Reach } from './audience-reach.component';
import { DraftAutosave, type DraftBody } from './draft-autosave';
import { LAST_STEP, clearEarly, keepEarly, readEarly, stepOf } from './wizard-url-state';
import { SegmentPickerComponent } from './segment-picker.component';
import { StepNextActionsComponent } from './step-next-actions.component';
import type { LeavesWithCare } from './unsaved-changes.guard';

type SendMode = 'now' | 'schedule';

/**
 * Name & channel → segment → message → when → review & launch. The work is a server-side draft
 * (autosaved); the step and the draft id live in the URL, so Back, Forward and refresh keep both.
 */
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
    AudienceReachComponent,
    ExperimentSectionComponent,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaign-wizard-page.component.html',
  styleUrl: './campaign-wizard-page.component.scss',
})
export class CampaignWizardPageComponent implements LeavesWithCare, AfterViewInit {
  private readonly destroyRef = inject(DestroyRef);
  private readonly api = inject(CampaignsApiService);
  private readonly launcher = inject(LaunchFlowService);
  private readonly confirmation = inject(ConfirmService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly snackBar = inject(MatSnackBar);
  private readonly stepper = viewChild.required(MatStepper);
  protected readonly composer = viewChild(MessageComposerComponent);
  protected readonly sendingWindow = viewChild(SendingWindowFieldComponent);

  protected readonly name = signal('');
  protected readonly channel = signal<CampaignChannel>('sms');
  protected readonly segment = signal<SegmentDto | null>(null);
  protected readonly message = signal('');
  protected readonly subject = signal('');
  protected readonly preheader = signal('');
  protected readonly windowMode = signal<SendingWindowMode>('default');
  protected readonly customWindow = signal<SendingWindow>({ start: '09:00', end: '21:00' });
  private readonly windowValid = computed(
    () =>
      this.windowMode() !== 'custom' ||
      sendingWindowProblem(this.customWindow().start, this.customWindow().end) === null,
  );
  protected readonly aiSuggestion = signal<AiSuggestionRefDto | null>(null);
  protected readonly experiment = new WizardExperiment();
  protected readonly sendMode = signal<SendMode>('now');
  private readonly initial = defaultScheduleTime();
  protected readonly date = signal<Date | null>(this.initial);
  protected readonly time = signal(timeOf(this.initial));
  protected readonly today = new Date();
  /** Steps the user tried to leave: their errors show from then on. */
  protected readonly attempted = signal<ReadonlySet<number>>(new Set());
  protected readonly busy = signal<'launch' | 'draft' | null>(null);
  protected readonly submitError = signal<string | null>(null);
  /** Reading a draft back from the server (refresh, Back, Edit). */
  protected readonly restoring = signal(false);
  /** Who can receive it on the channel (audience step); null until known. */
  protected readonly reach = signal<Reach | null>(null);

  protected readonly nameValid = computed(() => this.name().trim().length > 0 && this.name().length <= 200);
  protected readonly composeProblems = computed(() => [
    ...(this.composer()?.problems() ?? ['Write a message.']),
    ...variantProblems(this.experiment.extras(), this.channel() === 'email'),
  ]);
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
  protected readonly audience = computed(() => this.preview()?.audience ?? this.reach()?.audience ?? null);
  protected readonly firstSample = computed(() => this.preview()?.samples[0] ?? null);
  /** Nobody in the segment can receive on this channel: the audience step says so and stops. */
  protected readonly unreachable = computed(() => this.reach()?.audience === 0);
  protected readonly valid = computed(() => [
    this.nameValid(),
    !!this.segment() && !this.unreachable(),
    this.composeProblems().length === 0,
    this.scheduleIssue() === null && this.windowValid(),
  ]);
  protected readonly allValid = computed(() => this.valid().every(Boolean));

  /** What the server draft holds; null while it cannot be saved (no name or segment, unknown tokens). */
  private readonly body = computed<DraftBody | null>(() => {
    const segment = this.segment();
    if (!this.nameValid() || !segment || (this.composer()?.unknown().length ?? 0) > 0) return null;
    const at = this.sendMode() === 'schedule' ? this.scheduledAt() : null;
    return {
      name: this.name().trim(),
      segmentId: segment.id,
      channel: this.channel(),
      message: this.message(),
      subject: this.channel() === 'email' ? this.subject() : null,
      preheader: this.channel() === 'email' ? this.preheader() || null : null,
      scheduledAt: at ? at.toISOString() : null,
      // an unfinished custom window is kept on screen only; the draft keeps the workspace default meanwhile
      ...sendingWindowFields(this.windowValid() ? this.windowMode() : 'default', this.customWindow()),
      ...(this.aiSuggestion() && this.message().trim() ? { aiSuggestion: this.aiSuggestion()! } : {}),
      ...this.experiment.fields({ message: this.message(), subject: this.subject() }, this.channel() === 'email'),
    };
  });
  private readonly touched = computed(() => !!this.name().trim() || !!this.segment() || !!this.message().trim());
  protected readonly draft = new DraftAutosave(this.api, this.body, this.touched);

  private readonly draftIds = toObservable(this.draft.id);

  constructor() {
    this.draft.watch(toObservable(this.body));
    this.destroyRef.onDestroy(() => this.draft.stop());
  }

  ngAfterViewInit(): void {
    const params = this.route.snapshot.queryParamMap;
    const draftId = params.get('draft');
    const step = stepOf(params.get('step'));
    if (draftId) this.restore(draftId, step);
    else if (step > 0) this.restoreEarly(step);

    // The draft id joins the URL as soon as the draft exists (same history entry).
    this.draftIds.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((id) => {
      if (!id || this.route.snapshot.queryParamMap.get('draft') === id) return;
      clearEarly();
      this.setUrl(this.stepper().selectedIndex, true);
    });
    // Browser Back/Forward: the URL's step wins.
    this.route.queryParamMap.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((q) => {
      const want = stepOf(q.get('step'));
      if (!this.restoring() && this.stepper().selectedIndex !== want) this.goTo(want);
    });
  }

  /** Leaving with work the server does not have: save it if possible, else ask. */
  canLeave(): Observable<boolean> | boolean {
    if (!this.draft.dirty() || this.busy()) return true;
    return this.draft.flush().pipe(
      catchError(() => of(null)),
      switchMap((saved) =>
        saved
          ? of(true)
          : this.confirmation
              .ask({
                title: 'Leave without saving?',
                message: this.draft.id()
                  ? 'Your latest changes could not be saved (see the message on the page). The draft keeps its last saved version.'
                  : 'This campaign has not been saved yet: it needs a name and a segment first. What you entered will be lost.',
                confirm: 'Leave',
                cancel: 'Stay',
                danger: true,
                confirmTestId: 'leave-confirm',
              })
              .pipe(defaultIfEmpty(false)),
      ),
    );
  }

  /** Closing the tab or reloading with unsaved work: the browser asks. */
  @HostListener('window:beforeunload', ['$event'])
  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.draft.dirty()) return;
    event.preventDefault();
    event.returnValue = '';
  }

  protected showErrors(step: number): boolean {
    return this.attempted().has(step);
  }

  protected next(step: number): void {
    this.attempted.update((s) => new Set(s).add(step));
    if (!this.valid()[step]) return;
    const stepper = this.stepper();
    // The step's [completed] binding only refreshes on the next change detection, which a Next
    // clicked right after the input that made the step valid can beat (zoneless): the linear
    // stepper would then silently stay put.
    const current = stepper.steps.get(step);
    if (current) current.completed = true;
    stepper.next();
  }

  /** Each step is a history entry: Back returns to the previous one. */
  protected onStep(event: StepperSelectionEvent): void {
    if (this.restoring()) return;
    if (stepOf(this.route.snapshot.queryParamMap.get('step')) !== event.selectedIndex) this.setUrl(event.selectedIndex);
    if (!this.draft.id()) this.rememberEarly(event.selectedIndex);
  }

  /** The first AI option of "use AI options as variants" becomes variant A, the message. */
  protected useAiAsFirst(pick: AiSuggestionPick): void {
    this.aiSuggestion.set(pick.suggestion);
    this.message.set(pick.option.text);
    if (this.channel() === 'email' && pick.option.subject) this.subject.set(pick.option.subject);
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

  /** Saves, shows the real numbers, and launches only when the user confirms. */
  protected launch(): void {
    if (!this.allValid() || this.busy()) return;
    const at = this.sendMode() === 'schedule' ? this.scheduledAt() : null;
    this.run('launch', (c) => this.launcher.confirmAndLaunch(c, at));
  }

  protected saveDraft(): void {
    if (this.busy()) return;
    this.run('draft', (c) => of(c));
  }

  private run(kind: 'launch' | 'draft', then: (c: CampaignDto) => Observable<CampaignDto>): void {
    this.busy.set(kind);
    this.submitError.set(null);
    this.draft
      .flush()
      .pipe(
        switchMap((c) => {
          if (!c) throw new Error(this.draft.error() ?? 'Give the campaign a name and a segment first.');
          return then(c);
        }),
        catchError((err: unknown) => {
          this.busy.set(null);
          this.submitError.set(err instanceof Error && !('status' in err) ? err.message : errorMessage(err));
          return EMPTY;
        }),
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

  private setUrl(step: number, replaceUrl = false): void {
    const draft = this.draft.id();
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { step, ...(draft ? { draft } : {}) },
      replaceUrl,
    });
  }

  /** Moves the stepper even past steps whose completion is still being read back. */
  private goTo(step: number): void {
    const stepper = this.stepper();
    stepper.linear = false;
    stepper.selectedIndex = Math.min(step, LAST_STEP);
    stepper.linear = true;
  }

  private restore(id: string, step: number): void {
    this.restoring.set(true);
    this.api
      .get(id)
      .pipe(
        switchMap((c) => {
          if (c.status !== 'draft') {
            // Launched or scheduled meanwhile: the campaign page is where it lives now.
            void this.router.navigate(['/campaigns', c.id], { replaceUrl: true });
            return EMPTY;
          }
          return this.api.segment(c.segmentId).pipe(
            catchError(() => of(null)),
            map((segment) => ({ c, segment })),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ c, segment }) => {
          this.name.set(c.name);
          this.channel.set(c.channel);
          this.segment.set(segment);
          this.message.set(c.message);
          this.subject.set(c.subject ?? '');
          this.experiment.restore(c);
          this.preheader.set(c.preheader ?? '');
          this.windowMode.set(sendingWindowModeOf(c));
          if (c.sendingWindow) this.customWindow.set(c.sendingWindow);
          if (c.scheduledAt) {
            const at = new Date(c.scheduledAt);
            this.sendMode.set('schedule');
            this.date.set(at);
            this.time.set(timeOf(at));
          }
          const body = this.body();
          if (body) this.draft.adopt(c.id, body);
          else this.draft.id.set(c.id);
          this.restoring.set(false);
          setTimeout(() => this.goTo(step));
        },
        error: (err: unknown) => {
          this.restoring.set(false);
          this.submitError.set(`Could not open the draft: ${errorMessage(err)}`);
        },
      });
  }

  private restoreEarly(step: number): void {
    const early = readEarly();
    if (early?.name) this.name.set(early.name);
    if (early?.channel) this.channel.set(early.channel);
    this.goTo(Math.min(step, 1));
  }

  private rememberEarly(step: number): void {
    if (step === 0 && !this.name().trim()) return;
    keepEarly({ name: this.name(), channel: this.channel() });
  }
}
