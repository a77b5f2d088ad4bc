import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ConfirmService, countOf, errorMessage, FORMAT_PIPES } from '@mini-crm/console/ui';
import { AI_SEGMENT_TEXT_MAX, type AiSegmentRulesResponseDto, type SegmentGroup } from '@mini-crm/contracts';
import { Observable, of } from 'rxjs';
import { AiSegmentRulesApiService } from '../data/ai-segment-rules-api.service';

/** "Describe your audience": plain words → rules for the builder (after a confirm if that replaces conditions). */
@Component({
  selector: 'crm-ai-describe',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ...FORMAT_PIPES,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <mat-icon>auto_awesome</mat-icon>
      <h2>Describe your audience</h2>
      <span class="muted">Plain words in, editable rules out.</span>
    </div>
    <form class="row" (submit)="$event.preventDefault(); submit()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="input">
        <mat-label>Who should be in this segment?</mat-label>
        <input
          matInput
          name="describe"
          [attr.maxlength]="max"
          [value]="text()"
          (input)="text.set($any($event.target).value)"
          placeholder="e.g. customers in Pune who spent more than 5000 and haven’t ordered in 3 months"
          data-testid="ai-describe-input"
        />
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="loading() || !text().trim()" data-testid="ai-describe-submit">
        @if (loading()) {
          <mat-spinner diameter="18" class="btn-spinner" />
        } @else {
          <mat-icon>auto_fix_high</mat-icon>
        }
        Build rules
      </button>
    </form>
    @if (error(); as e) {
      <div class="error" role="alert" data-testid="ai-describe-error">
        <mat-icon>help_outline</mat-icon>
        <div>
          <strong>{{ e.message }}</strong>
          @for (d of e.details; track $index) {
            <div class="detail">{{ d }}</div>
          }
          <div class="detail">
            Try phrases like “spent more than 5000”, “lives in Delhi”, “not ordered in 90 days” or “tagged vip”.
          </div>
        </div>
      </div>
    }
    @if (applied(); as a) {
      <div class="result" data-testid="ai-describe-summary" [attr.data-count]="a.count">
        <mat-icon>check_circle</mat-icon>
        <p>
          {{ sentence(a.summary) }} · <strong>{{ a.count | crmNumber }}</strong> {{ a.count | crmPlural: 'customer' }}
          match now.
          <span class="muted">The rules below are yours to edit.</span>
        </p>
        <span
          class="provider"
          [class.offline]="a.provider === 'offline'"
          data-testid="ai-describe-provider"
          [attr.data-provider]="a.provider"
        >
          {{ a.provider === 'gemini' ? 'Gemini' : 'Offline parser' }}
        </span>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .head {
      display: flex;
      align-items: baseline;
      gap: 8px;
      margin-bottom: 12px;
    }
    .head mat-icon {
      align-self: center;
      color: var(--mat-sys-primary);
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .row {
      display: flex;
      gap: 12px;
      align-items: center;
    }
    .input {
      flex: 1;
    }
    .btn-spinner {
      display: inline-block;
      margin-right: 8px;
    }
    .error,
    .result {
      display: flex;
      gap: 10px;
      align-items: flex-start;
      margin-top: 12px;
      padding: 10px 14px;
      border-radius: 12px;
      font: var(--mat-sys-body-medium);
    }
    .error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .detail {
      font: var(--mat-sys-body-small);
      margin-top: 2px;
    }
    .result {
      align-items: center;
      background: var(--mat-sys-surface-container);
    }
    .result mat-icon {
      color: var(--mat-sys-primary);
      flex: none;
    }
    .result p {
      margin: 0;
      flex: 1;
    }
    .provider {
      flex: none;
      padding: 2px 10px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .provider.offline {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AiDescribeComponent {
  private readonly api = inject(AiSegmentRulesApiService);
  private readonly confirmation = inject(ConfirmService);

  /** Conditions in the builder now; non-zero asks before replacing them. */
  readonly currentConditions = input(0);
  readonly apply = output<SegmentGroup>();

  protected readonly max = AI_SEGMENT_TEXT_MAX;
  protected readonly text = signal('');
  protected readonly loading = signal(false);
  protected readonly error = signal<{ message: string; details: string[] } | null>(null);
  protected readonly applied = signal<AiSegmentRulesResponseDto | null>(null);

  protected submit(): void {
    const text = this.text().trim();
    if (!text || this.loading()) return;
    this.loading.set(true);
    this.error.set(null);
    this.api.describe(text).subscribe({
      next: (res) => {
        this.loading.set(false);
        this.confirmReplace().subscribe(() => {
          this.applied.set(res);
          this.apply.emit(res.rules);
        });
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.applied.set(null);
        const explained = err instanceof HttpErrorResponse && err.status === 422;
        const message = explained
          ? ((err.error as { message?: string } | null)?.message ?? 'That description could not be understood.')
          : errorMessage(err);
        this.error.set({ message, details: explained ? detailLines(err.error) : [] });
      },
    });
  }

  protected sentence(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  private confirmReplace(): Observable<true> {
    const n = this.currentConditions();
    if (n === 0) return of(true);
    return this.confirmation.ask({
      title: 'Replace the current rules?',
      message: `The builder has ${countOf(n, 'condition')}. The described audience replaces them (you can still edit the result).`,
      confirm: 'Replace',
    });
  }
}

/** 422 `details` may be strings or `{ path?, message }` objects; show what the server explained. */
function detailLines(body: unknown): string[] {
  const b = body as { message?: unknown; details?: unknown } | null;
  if (!Array.isArray(b?.details)) return [];
  const said = String(b.message ?? '')
    .toLowerCase()
    .replace(/:/g, '');
  return b.details
    .map((d: unknown) =>
      typeof d === 'string'
        ? d
        : typeof d === 'object' && d && 'message' in d
          ? String((d as { message: unknown }).message)
          : '',
    )
    .filter((s: string) => s.length > 0 && !said.includes(s.toLowerCase()))
    .slice(0, 5);
}
