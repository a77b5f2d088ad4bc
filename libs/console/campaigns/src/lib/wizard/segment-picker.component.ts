import { ChangeDetectionStrategy, Component, inject, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent, errorMessage, FORMAT_PIPES } from '@mini-crm/console/ui';
import type { SegmentDto } from '@mini-crm/contracts';
import { Subject, catchError, debounceTime, distinctUntilChanged, EMPTY, startWith, switchMap, tap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';

/** Saved segments as selectable cards with size and plain-English rules. */
@Component({
  selector: 'crm-segment-picker',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    EmptyStateComponent,
    ...FORMAT_PIPES,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
      <mat-icon matPrefix>search</mat-icon>
      <mat-label>Search segments</mat-label>
      <input matInput (input)="search($event)" data-testid="segment-search" />
    </mat-form-field>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <div class="options" role="radiogroup" aria-label="Segment">
      @for (s of segments(); track s.id) {
        <button
          type="button"
          role="radio"
          class="option"
          [class.selected]="selected()?.id === s.id"
          [attr.aria-checked]="selected()?.id === s.id"
          (click)="selected.set(s)"
          data-testid="segment-option"
          [attr.data-name]="s.name"
        >
          <mat-icon class="check">{{
            selected()?.id === s.id ? 'radio_button_checked' : 'radio_button_unchecked'
          }}</mat-icon>
          <span class="text">
            <span class="name">{{ s.name }}</span>
            <span class="summary">{{ s.summary }}</span>
          </span>
          <span class="size">
            @if (s.size !== null) {
              <strong>{{ s.size | crmNumber }}</strong> {{ s.size | crmPlural: 'customer' }}
            } @else {
              size pending
            }
          </span>
        </button>
      }
    </div>
    @if (loaded() && !segments().length) {
      <crm-empty-state
        icon="filter_alt"
        title="No saved segments"
        message="A campaign goes to a saved segment. Build one first."
      >
        <a mat-stroked-button routerLink="/segments/new">New segment</a>
      </crm-empty-state>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .search {
      width: 320px;
      max-width: 100%;
      margin-bottom: 12px;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .options {
      display: grid;
      gap: 8px;
      max-height: 420px;
      overflow-y: auto;
      padding: 2px;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 12px;
      width: 100%;
      text-align: left;
      cursor: pointer;
      padding: 12px 16px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font: inherit;
    }
    .option:hover {
      background: var(--mat-sys-surface-container-low);
    }
    .option.selected {
      border-color: var(--mat-sys-primary);
      box-shadow: inset 0 0 0 1px var(--mat-sys-primary);
      background: color-mix(in srgb, var(--mat-sys-primary) 6%, var(--mat-sys-surface));
    }
    .check {
      color: var(--mat-sys-primary);
      flex: none;
    }
    .text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      flex: 1;
      min-width: 0;
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .summary {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow: hidden;
      text-overflow: ellipsis;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }
    .size {
      flex: none;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .size strong {
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class SegmentPickerComponent {
  private readonly api = inject(CampaignsApiService);
  private readonly queries = new Subject<string>();

  readonly selected = model<SegmentDto | null>(null);
  protected readonly segments = signal<SegmentDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.queries
      .pipe(
        debounceTime(250),
        startWith(''),
        distinctUntilChanged(),
        tap(() => this.loading.set(true)),
        switchMap((q) =>
          this.api.segments(q).pipe(
            catchError((err: unknown) => {
              this.error.set(errorMessage(err));
              this.loading.set(false);
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.segments.set(page.items);
        this.error.set(null);
        this.loading.set(false);
        this.loaded.set(true);
      });
  }

  protected search(event: Event): void {
    this.queries.next((event.target as HTMLInputElement).value.trim());
  }
}
