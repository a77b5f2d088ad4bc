import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import {
  LIST_PAGE_IMPORTS,
  ConfirmService,
  cursorPagedList,
  errorMessage,
  searchTerms,
  FORMAT_PIPES,
} from '@mini-crm/console/ui';
import type { SegmentDto } from '@mini-crm/contracts';
import { EMPTY, Observable, catchError, switchMap, tap } from 'rxjs';
import { SegmentsApiService } from '../data/segments-api.service';
import { SparklineComponent } from '../shared/sparkline.component';

interface SegmentQuery {
  q: string;
  includeArchived: boolean;
}

@Component({
  selector: 'crm-segments-list-page',
  imports: [
    LIST_PAGE_IMPORTS,
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatMenuModule,
    MatSlideToggleModule,
    MatSnackBarModule,
    SparklineComponent,
    ...FORMAT_PIPES,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './segments-list-page.component.html',
  styleUrl: './segments-list-page.component.scss',
})
export class SegmentsListPageComponent {
  private readonly api = inject(SegmentsApiService);
  private readonly router = inject(Router);
  private readonly confirmation = inject(ConfirmService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly canWrite = inject(AuthService).canWrite;
  protected readonly columns = ['name', 'size', 'trend', 'updatedAt', 'usedBy', 'actions'];
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly includeArchived = signal(false);
  protected readonly list = cursorPagedList((query: SegmentQuery, cursor) => this.api.list({ ...query, cursor }));
  protected readonly busyId = signal<string | null>(null);
  private query = '';

  constructor() {
    searchTerms(this.search)
      .pipe(takeUntilDestroyed())
      .subscribe((q) => {
        this.query = q;
        this.reload();
      });

    this.reload();
  }

  protected reload(): void {
    this.list.load({ q: this.query, includeArchived: this.includeArchived() });
  }

  protected toggleArchived(on: boolean): void {
    this.includeArchived.set(on);
    this.reload();
  }

  protected open(segment: SegmentDto): void {
    void this.router.navigate(['/segments', segment.id]);
  }

  protected archive(segment: SegmentDto): void {
    this.confirmation
      .ask({
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
    this.confirmation
      .ask({
        title: `Delete “${segment.name}”?`,
        message: 'The segment and its size history are deleted for good. Customers are not affected.',
        confirm: 'Delete',
        danger: true,
      })
      .pipe(switchMap(() => this.act(segment, this.api.remove(segment.id), true)))
      .subscribe(() => {
        this.snackBar.open(`“${segment.name}” deleted`, 'OK', { duration: 4000 });
        this.list.update((segments) => segments.filter((s) => s.id !== segment.id));
      });
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
