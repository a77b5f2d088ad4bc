import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import { ConfirmService, PageHeaderComponent, errorMessage, FORMAT_PIPES, formatCount } from '@mini-crm/console/ui';
import type { CampaignDto, CampaignStatsDto } from '@mini-crm/contracts';
import { Observable, Subscription, finalize, switchMap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { CampaignStatsStreamService } from '../data/campaign-stats-stream.service';
import { formatRate, progressPercent } from '../shared/campaign-stats.util';
import { CampaignAction, canDo, watchesStats } from '../shared/campaign-status.util';
import { StatusChipComponent } from '../shared/status-chip.component';
import { CampaignLinksComponent } from './campaign-links.component';
import { CampaignMessagesComponent } from './campaign-messages.component';
import { CampaignOutcomesComponent } from './campaign-outcomes.component';
import { CampaignTimelineComponent } from './campaign-timeline.component';
import { DeliveryFunnelComponent } from './delivery-funnel.component';
import { LaunchFlowService } from '../launch/launch-flow.service';
import { ExperimentResultsComponent } from '../experiments/experiment-results.component';

interface Kpi {
  key: 'audience' | 'sent' | 'delivered' | 'failed' | 'opened' | 'clicked' | 'suppressed' | 'queued';
  label: string;
  icon: string;
  hint: string;
}

const KPIS: readonly Kpi[] = [
  { key: 'audience', label: 'Audience', icon: 'groups', hint: 'Recipients snapshotted at launch' },
  { key: 'queued', label: 'Queued', icon: 'hourglass_top', hint: 'Not yet handed to the vendor' },
  { key: 'sent', label: 'Sent', icon: 'send', hint: 'Accepted by the vendor (includes delivered)' },
  { key: 'delivered', label: 'Delivered', icon: 'mark_email_read', hint: 'Delivery confirmed by a receipt' },
  { key: 'failed', label: 'Failed', icon: 'error', hint: 'Rejected, failed receipt, or retries exhausted' },
  { key: 'opened', label: 'Opened', icon: 'drafts', hint: 'People who opened (human opens we tracked)' },
  { key: 'clicked', label: 'Clicked', icon: 'ads_click', hint: 'People who clicked a link (human clicks we tracked)' },
  {
    key: 'suppressed',
    label: 'Suppressed',
    icon: 'block',
    hint: 'In the segment but unsubscribed or unreachable on this channel',
  },
];

const EMPTY_STATS = (c: CampaignDto): CampaignStatsDto => ({
  campaignId: c.id,
  status: c.status,
  statusReason: c.statusReason,
  audience: c.audience,
  suppressed: c.suppressed,
  queued: 0,
  scheduled: 0,
  sent: 0,
  failed: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  machineOpens: 0,
  machineClicks: 0,
  converted: 0,
  revenue: 0,
  unsubscribed: 0,
  startedAt: c.startedAt,
  finishedAt: c.finishedAt,
  rate: 0,
});

/** One campaign, live: KPI cards, progress, funnel, controls and the messages table. */
@Component({
  selector: 'crm-campaign-page',
  imports: [
    RouterLink,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    MatSnackBarModule,
    PageHeaderComponent,
    StatusChipComponent,
    DeliveryFunnelComponent,
    CampaignMessagesComponent,
    CampaignOutcomesComponent,
    CampaignTimelineComponent,
    CampaignLinksComponent,
    ExperimentResultsComponent,
    ...FORMAT_PIPES,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaign-page.component.html',
  styleUrl: './campaign-page.component.scss',
})
export class CampaignPageComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly stream = inject(CampaignStatsStreamService);
  private readonly confirmation = inject(ConfirmService);
  private readonly launcher = inject(LaunchFlowService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  protected readonly canWrite = inject(AuthService).canWrite;

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly kpis = KPIS;
  protected readonly campaign = signal<CampaignDto | null>(null);
  protected readonly stats = signal<CampaignStatsDto | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<CampaignAction | null>(null);
  protected readonly messagesVersion = signal(0);
  protected readonly live = signal(false);
  protected readonly copying = signal(false);
  /** The original's name, for a "retry failed" campaign. */
  protected readonly retryOfName = signal<string | null>(null);
  /** Failed messages exist once launched: offer to retry the temporary ones. */
  protected readonly canRetry = computed(
    () => this.launched() && this.status() !== 'running' && (this.shown()?.failed ?? 0) > 0,
  );

  protected readonly status = computed(() => this.stats()?.status ?? this.campaign()?.status ?? 'draft');
  protected readonly statusReason = computed(() => this.stats()?.statusReason ?? this.campaign()?.statusReason ?? null);
  protected readonly shown = computed(() => {
    const c = this.campaign();
    return this.stats() ?? (c ? EMPTY_STATS(c) : null);
  });
  protected readonly progress = computed(() => {
    const s = this.shown();
    return s ? progressPercent(s) : 0;
  });
  /** Drafts and scheduled campaigns have no audience snapshot yet: no numbers to show. */
  protected readonly launched = computed(() => this.status() !== 'draft' && this.status() !== 'scheduled');
  protected readonly rate = computed(() => formatRate(this.shown()?.rate ?? 0));
  private watch: Subscription | null = null;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => this.watch?.unsubscribe());
  }

  protected can(action: CampaignAction): boolean {
    return this.canWrite() && canDo(this.status(), action);
  }

  protected value(key: Kpi['key']): number {
    return this.shown()?.[key] ?? 0;
  }

  protected pause(): void {
    this.act('pause', this.api.pause(this.id()), 'Campaign paused');
  }

  protected resume(): void {
    this.act('resume', this.api.resume(this.id()), 'Campaign resumed');
  }

  /** Asks with the real numbers first (reachable, suppressed, segments, cost). */
  protected launch(): void {
    const c = this.campaign();
    if (!c) return;
    const at =
      c.scheduledAt && new Date(c.scheduledAt).getTime() > Date.now() + 60_000 ? new Date(c.scheduledAt) : null;
    this.act(
      'launch',
      this.launcher.confirmAndLaunch(c, at, this.retryOfName()).pipe(finalize(() => this.busy.set(null))),
      at ? 'Campaign scheduled' : 'Campaign launched',
    );
  }

  /** A new draft with the same segment, channel and message, opened in the wizard. */
  protected duplicate(): void {
    this.copy(this.api.duplicate(this.id()), 'Copy saved as a draft');
  }

  /** A new draft for the recipients whose failure was temporary; its launch asks with the numbers. */
  protected retryFailed(): void {
    this.copy(this.api.retryFailed(this.id()), 'Retry campaign created: launch it when ready');
  }

  private copy(call: Observable<CampaignDto>, done: string): void {
    this.copying.set(true);
    call.pipe(finalize(() => this.copying.set(false))).subscribe({
      next: (c) => {
        this.snackBar.open(done, 'OK', { duration: 4000 });
        void this.router.navigate(
          c.retryOf ? ['/campaigns', c.id] : ['/campaigns', 'new'],
          c.retryOf ? {} : { queryParams: { draft: c.id, step: 0 } },
        );
      },
      error: (err: unknown) =>
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 10000, panelClass: 'crm-snack-error' }),
    });
  }

  protected cancel(): void {
    const c = this.campaign();
    if (!c) return;
    const s = this.shown();
    const sent = s ? s.sent + s.failed : 0;
    this.confirmation
      .ask({
        title: 'Cancel this campaign?',
        message:
          c.status === 'scheduled'
            ? `“${c.name}” will not be sent. This cannot be undone.`
            : `No more messages of “${c.name}” will be sent (${formatCount(sent)} already handled). This cannot be undone.`,
        confirm: 'Cancel campaign',
        cancel: 'Keep it',
        danger: true,
      })
      .subscribe(() => this.act('cancel', this.api.cancel(this.id()), 'Campaign cancelled'));
  }

  protected remove(): void {
    const c = this.campaign();
    if (!c) return;
    this.confirmation
      .ask({
        title: 'Delete this draft?',
        message: `“${c.name}” will be deleted.`,
        confirm: 'Delete',
        cancel: 'Keep it',
        danger: true,
      })
      .pipe(switchMap(() => this.api.remove(c.id)))
      .subscribe({
        next: () => {
          this.snackBar.open('Draft deleted', 'OK', { duration: 4000 });
          void this.router.navigateByUrl('/campaigns');
        },
        error: (err: unknown) =>
          this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' }),
      });
  }

  private act(action: CampaignAction, call: Observable<CampaignDto>, done: string): void {
    this.busy.set(action);
    call.subscribe({
      next: (c) => {
        this.busy.set(null);
        this.snackBar.open(done, 'OK', { duration: 3000 });
        this.applyCampaign(c);
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
        this.load(this.id()); // a 409 means our view is stale
      },
    });
  }

  private load(id: string): void {
    this.error.set(null);
    if (this.campaign() && this.campaign()?.id !== id) {
      // Another campaign in the same page (Retry failed, Duplicate): nothing of the previous one may linger.
      this.stopWatching();
      this.stats.set(null);
      this.campaign.set(null);
    }
    this.api.get(id).subscribe({
      next: (c) => {
        this.applyCampaign(c);
        this.retryOfName.set(null);
        if (c.retryOf)
          this.api.get(c.retryOf).subscribe({ next: (o) => this.retryOfName.set(o.name), error: () => undefined });
      },
      error: (err: unknown) => this.error.set(errorMessage(err)),
    });
  }

  /** New campaign state: re-read stats, and watch them live while they can move (receipts included). */
  private applyCampaign(c: CampaignDto): void {
    const statusChanged = this.campaign()?.status !== c.status;
    this.campaign.set(c);
    if (statusChanged) this.messagesVersion.update((v) => v + 1);
    if (watchesStats(c)) {
      this.startWatching(c.id);
    } else {
      this.stopWatching();
      if (c.status !== 'draft')
        this.api.stats(c.id).subscribe({ next: (s) => this.stats.set(s), error: () => undefined });
    }
  }

  private startWatching(id: string): void {
    this.stopWatching();
    this.live.set(true);
    this.watch = this.stream.watch(id).subscribe({
      next: (s) => {
        const before = this.stats()?.status ?? this.campaign()?.status;
        this.stats.set(s);
        if (s.status !== before) {
          // Status moved (launched, auto-paused, finished): refresh the campaign and the table.
          this.api.get(id).subscribe({ next: (c) => this.campaign.set(c), error: () => undefined });
          this.messagesVersion.update((v) => v + 1);
        }
      },
      complete: () => {
        this.live.set(false);
        this.messagesVersion.update((v) => v + 1);
      },
    });
  }

  private stopWatching(): void {
    this.watch?.unsubscribe();
    this.watch = null;
    this.live.set(false);
  }
}
