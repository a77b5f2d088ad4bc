import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { EmptyStateComponent, PageHeaderComponent, errorMessage } from '@mini-crm/console/ui';
import type { AuditEntryDto } from '@mini-crm/contracts';
import { EMPTY, Subject, catchError, debounceTime, distinctUntilChanged, map, switchMap, tap } from 'rxjs';
import { AuditApiService } from './audit-api.service';
import { KNOWN_AUDIT_ACTIONS, auditActor, formatAuditDiff } from './audit-format.util';

interface LoadRequest {
  action: string;
  cursor: string | null;
}

interface AuditRow {
  entry: AuditEntryDto;
  actor: string;
  details: string;
}

@Component({
  selector: 'crm-audit-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatCardModule,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    PageHeaderComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.scss',
})
export class AuditPageComponent {
  private readonly api = inject(AuditApiService);
  private readonly loads = new Subject<LoadRequest>();

  protected readonly columns = ['at', 'actor', 'action', 'entity', 'details'];
  protected readonly actionFilter = new FormControl('', { nonNullable: true });
  private readonly typedAction = toSignal(this.actionFilter.valueChanges, { initialValue: '' });
  protected readonly suggestions = computed(() => {
    const typed = this.typedAction().trim().toLowerCase();
    return KNOWN_AUDIT_ACTIONS.filter((a) => a.includes(typed));
  });
  protected readonly rows = signal<AuditRow[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  private action = '';

  constructor() {
    this.loads
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((req) =>
          this.api.list({ action: req.action, cursor: req.cursor }).pipe(
            map((page) => ({ req, page })),
            catchError((err: unknown) => {
              this.error.set(errorMessage(err));
              this.loading.set(false);
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ req, page }) => {
        const rows = page.items.map((entry) => ({
          entry,
          actor: auditActor(entry),
          details: formatAuditDiff(entry.diff),
        }));
        this.rows.update((list) => (req.cursor ? [...list, ...rows] : rows));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.loaded.set(true);
      });

    this.actionFilter.valueChanges
      .pipe(
        debounceTime(300),
        map((v) => v.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((action) => {
        this.action = action;
        this.loads.next({ action, cursor: null });
      });

    this.loads.next({ action: '', cursor: null });
  }

  protected reload(): void {
    this.loads.next({ action: this.action, cursor: null });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor) this.loads.next({ action: this.action, cursor });
  }

  protected clearFilter(): void {
    this.actionFilter.setValue('');
  }
}
