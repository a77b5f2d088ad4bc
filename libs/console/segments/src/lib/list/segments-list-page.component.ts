import { DatePipe, DecimalPipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import { EmptyStateComponent, PageHeaderComponent, errorMessage } from '@mini-crm/console/ui';
import type { SegmentDto } from '@mini-crm/contracts';
import {
  EMPTY,
  Observable,
  Subject,
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  map,
  switchMap,
  tap,
} from 'rxjs';
import { SegmentsApiService } from '../data/segments-api.service';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../shared/confirm-dialog.component';
import { SparklineComponent } from '../shared/sparkline.component';

interface LoadRequest {
  q: string;
  includeArchived: boolean;
  cursor: string | null;
}

@Component({
  selector: 'crm-segments-list-page',
  imports: [
    DatePipe,
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatSnackBarModule,
    MatTableModule,
    MatTooltipModule,
    EmptyStateComponent,
    PageHeaderComponent,
    SparklineComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './segments-list-page.component.html',
  styleUrl: './segments-list-page.component.scss',
})
export class SegmentsListPageComponent {
  private readonly api = inject(SegmentsApiService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly loads = new Subject<LoadRequest>();

  protected readonly canWrite = inject(AuthService).canWrite;
  protected readonly columns = ['name', 'size', 'trend', 'updatedAt', 'usedBy', 'actions'];
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly includeArchived = signal(false);
  protected readonly segments = signal<SegmentDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);
  private query = '';

  constructor() {
    this.loads
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((req) =>
          this.api.list({ q: req.q, includeArchived: req.includeArchived, cursor: req.cursor }).pipe(
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
        this.segments.update((list) => (req.cursor ? [...list, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.loaded.set(true);
      });

    this.search.valueChanges
      .pipe(
        debounceTime(300),
        map((v) => v.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => {
        this.query = q;
        this.reload();
      });

    this.reload();
  }

  protected reload(): void {
    this.loads.next({ q: this.query, includeArchived: this.includeArchived(), cursor: null });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor) this.loads.next({ q: this.query, includeArchived: this.includeArchived(), cursor });
  }

  protected toggleArchived(on: boolean): void {
    this.includeArchived.set(on);
    this.reload();
  }

  protected open(segment: SegmentDto): void {
    void this.router.navigate(['/segments', segment.id]);
  }

  protected archive(segment: SegmentDto): void {
    this.confirm({
      title: `Archive “${segment.name}”?`,
      message:
        'Archived segments are hidden from lists and cannot be picked for new campaigns. Campaigns already using it keep working. You can unarchive it at any time.',
      confirm: 'Archive',
    })
      .pipe(switchMap(() => this.act(segment, this.api.archive(segment.id))))
      .subscribe((updated) => {
        this.snackBar.open(`“${updated.name}” archived`, 'OK', { duration: 4000 });
        this.reload();
      });
  }

  protected unarchive(segment: SegmentDto): void {
    this.act(segment, this.api.unarchive(segment.id)).subscribe((updated) => {
      this.snackBar.open(`“${updated.name}” is active again`, 'OK', { duration: 4000 });
      this.reload();
    });
  }

  protected remove(segment: SegmentDto): void {
    this.confirm({
      title: `Delete “${segment.name}”?`,
      message: 'The segment and its size history are deleted for good. Customers are not affected.',
      confirm: 'Delete',
      danger: true,
    })
      .pipe(switchMap(() => this.act(segment, this.api.remove(segment.id), true)))
      .subscribe(() => {
        this.snackBar.open(`“${segment.name}” deleted`, 'OK', { duration: 4000 });
        this.segments.update((list) => list.filter((s) => s.id !== segment.id));
      });
  }

  private confirm(data: ConfirmDialogData): Observable<true> {
    return this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, { data })
      .afterClosed()
      .pipe(filter((ok): ok is true => ok === true));
  }

  private act<T>(segment: SegmentDto, request: Observable<T>, deleting = false): Observable<T> {
    this.busyId.set(segment.id);
    return request.pipe(
      tap(() => this.busyId.set(null)),
      catchError((err: unknown) => {
        this.busyId.set(null);
        const inUse = err instanceof HttpErrorResponse && err.status === 409 && deleting;
        const message = inUse
          ? `“${segment.name}” is used by ${segment.usedByCampaigns > 1 ? `${segment.usedByCampaigns} campaigns` : 'a campaign'} and cannot be deleted. Archive it instead to hide it.`
          : errorMessage(err);
        this.snackBar.open(message, 'Dismiss', { duration: 10000, panelClass: 'crm-snack-error' });
        return EMPTY;
      }),
    );
  }
}
