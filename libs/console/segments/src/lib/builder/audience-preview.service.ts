import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { errorMessage } from '@mini-crm/console/ui';
import type { ErrorDto, SegmentGroup, SegmentPreviewDto } from '@mini-crm/contracts';
import { Subject, catchError, debounceTime, map, of, switchMap } from 'rxjs';
import { SegmentsApiService } from '../data/segments-api.service';
import type { RuleIssue } from '../rules/rule-issues.util';

export const PREVIEW_DEBOUNCE_MS = 300;

export type PreviewStatus = 'idle' | 'loading' | 'ready' | 'invalid' | 'error';

interface Request {
  rules: SegmentGroup;
  version: number;
}

type Answer = { version: number; data: SegmentPreviewDto } | { version: number; error: unknown };

/**
 * Live audience count for the rule being edited. Every change bumps a version; requests are
 * debounced, the in-flight one is cancelled by the next (switchMap), and an answer is shown only
 * if it belongs to the latest version, so the count on screen is never for older rules.
 */
@Injectable()
export class AudiencePreviewService {
  private readonly api = inject(SegmentsApiService);
  private readonly requests = new Subject<Request>();
  private version = 0;
  private lastKey: string | null = null;

  readonly status = signal<PreviewStatus>('idle');
  /** Last answer for the current rules (kept while loading so the layout does not jump; shown dimmed). */
  readonly result = signal<SegmentPreviewDto | null>(null);
  readonly error = signal<string | null>(null);
  /** Problems the API reported for the current rules (400 details). */
  readonly serverIssues = signal<RuleIssue[]>([]);
  readonly loading = computed(() => this.status() === 'loading');

  constructor() {
    this.requests
      .pipe(
        debounceTime(PREVIEW_DEBOUNCE_MS),
        switchMap(({ rules, version }) =>
          this.api.preview(rules).pipe(
            map((data): Answer => ({ version, data })),
            catchError((error: unknown) => of<Answer>({ version, error })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((answer) => this.accept(answer));
  }

  /** Rules changed and are valid: fetch their count (unless these exact rules are already shown). */
  update(rules: SegmentGroup): void {
    const key = JSON.stringify(rules);
    if (key === this.lastKey && this.status() !== 'error') return;
    this.lastKey = key;
    this.version++;
    this.serverIssues.set([]);
    this.error.set(null);
    this.status.set('loading');
    this.requests.next({ rules, version: this.version });
  }

  /** Rules are incomplete or invalid: no count is better than a wrong one. */
  invalidate(): void {
    this.lastKey = null;
    this.version++;
    this.serverIssues.set([]);
    this.status.set('invalid');
  }

  retry(): void {
    const key = this.lastKey;
    this.lastKey = null;
    if (key) this.update(JSON.parse(key) as SegmentGroup);
  }

  private accept(answer: Answer): void {
    if (answer.version !== this.version) return;
    if ('data' in answer) {
      this.result.set(answer.data);
      this.status.set('ready');
      return;
    }
    const err = answer.error;
    const body = err instanceof HttpErrorResponse ? (err.error as ErrorDto | null) : null;
    if (err instanceof HttpErrorResponse && err.status === 400 && body?.details?.length) {
      this.serverIssues.set(body.details.map((d) => ({ path: d.path, message: d.message })));
      this.status.set('invalid');
      return;
    }
    this.error.set(
      err instanceof HttpErrorResponse && err.status === 504
        ? 'Counting took too long. Try simpler rules, or try again.'
        : errorMessage(err),
    );
    this.status.set('error');
  }
}
