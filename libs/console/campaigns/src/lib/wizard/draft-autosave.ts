import { Signal, computed, signal } from '@angular/core';
import type { CampaignDto, CreateCampaignDto, UpdateCampaignDto } from '@mini-crm/contracts';
import { Observable, Subscription, catchError, debounceTime, filter, of, switchMap, tap } from 'rxjs';
import { errorMessage } from '@mini-crm/console/ui';

export const AUTOSAVE_DEBOUNCE_MS = 800;

export type DraftBody = Required<Pick<CreateCampaignDto, 'name' | 'segmentId' | 'channel' | 'message'>> & {
  subject: string | null;
  /** Email preview text; null for SMS or when empty. */
  preheader: string | null;
  scheduledAt: string | null;
  /** The campaign's own sending window; null: the workspace default. */
  sendingWindow: CreateCampaignDto['sendingWindow'] | null;
  /** True: any time, even outside the workspace's sending hours. */
  sendAnyTime: boolean;
  aiSuggestion?: CreateCampaignDto['aiSuggestion'];
  /** A/B test: null/0/null for a plain campaign (an update then drops them). */
  variants: CreateCampaignDto['variants'];
  holdout: number;
  experiment: CreateCampaignDto['experiment'];
};

export type SaveState = 'new' | 'saving' | 'saved' | 'error';

export interface DraftApi {
  create(body: CreateCampaignDto): Observable<CampaignDto>;
  update(id: string, body: UpdateCampaignDto): Observable<CampaignDto>;
}

/**
 * Keeps a wizard's work as a server-side draft campaign: created once it has a name and a segment,
 * then PATCHed (debounced) whenever the content changes. `dirty` is true while what the user sees
 * is not what the server holds.
 */
export class DraftAutosave {
  readonly id = signal<string | null>(null);
  readonly state = signal<SaveState>('new');
  readonly error = signal<string | null>(null);
  private readonly saved = signal<string | null>(null);
  readonly dirty: Signal<boolean>;
  private sub: Subscription | null = null;

  constructor(
    private readonly api: DraftApi,
    /** The content now, or null when it cannot be saved yet (no name, no segment, unknown tokens). */
    private readonly body: Signal<DraftBody | null>,
    /** Anything the user has entered (before a draft exists, leaving would lose it). */
    private readonly touched: Signal<boolean>,
  ) {
    this.dirty = computed(() => {
      const b = this.body();
      if (!b) return this.touched();
      return JSON.stringify(b) !== this.saved();
    });
  }

  /** Starts saving changes as they come (debounced). */
  watch(changes: Observable<DraftBody | null>): void {
    this.sub = changes
      .pipe(
        debounceTime(AUTOSAVE_DEBOUNCE_MS),
        filter((b): b is DraftBody => !!b && JSON.stringify(b) !== this.saved()),
        switchMap((b) => this.save(b).pipe(catchError(() => of(null)))),
      )
      .subscribe();
  }

  stop(): void {
    this.sub?.unsubscribe();
  }

  /** A campaign loaded from the server: its content is what is saved. */
  adopt(id: string, body: DraftBody): void {
    this.id.set(id);
    this.saved.set(JSON.stringify(body));
    this.state.set('saved');
  }

  /** Saves the current content now (create or PATCH); emits the campaign, or null when it cannot be saved. */
  flush(): Observable<CampaignDto | null> {
    const b = this.body();
    if (!b) return of(null);
    return this.save(b);
  }

  private save(b: DraftBody): Observable<CampaignDto> {
    const id = this.id();
    this.state.set('saving');
    this.error.set(null);
    const call = id ? this.api.update(id, b) : this.api.create(b);
    return call.pipe(
      tap({
        next: (c) => {
          this.id.set(c.id);
          this.saved.set(JSON.stringify(b));
          this.state.set('saved');
        },
        error: (err: unknown) => {
          this.state.set('error');
          this.error.set(errorMessage(err));
        },
      }),
    );
  }
}
