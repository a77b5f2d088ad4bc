import { PercentPipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import { ErrorBannerComponent, PageHeaderComponent, errorMessage, FORMAT_PIPES } from '@mini-crm/console/ui';
import type { SegmentDetailDto, SegmentDto, SegmentFieldsDto, SegmentGroup } from '@mini-crm/contracts';
import { summarizeSegmentRules, validateSegmentRules } from '@mini-crm/segment-engine';
import { SegmentsApiService } from '../data/segments-api.service';
import { EngagementOptionsService } from '../data/engagement-options.service';
import { issuesByRule } from '../rules/rule-issues.util';
import { countConditions, emptyGroup } from '../rules/rule-tree.util';
import { SizeHistoryComponent } from '../shared/size-history.component';
import { AudiencePreviewService } from './audience-preview.service';
import { AiDescribeComponent } from './ai-describe.component';
import { AudienceSampleComponent } from './audience-sample.component';
import { RuleGroupComponent } from './rule-group.component';
import { SaveAsDialogComponent, type SaveAsDialogData } from './save-as-dialog.component';

/** Create (`/segments/new`) or edit (`/segments/:id`) a segment with a live audience preview. */
@Component({
  selector: 'crm-segment-builder-page',
  imports: [
    PercentPipe,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSnackBarModule,
    MatTooltipModule,
    ErrorBannerComponent,
    PageHeaderComponent,
    RuleGroupComponent,
    SizeHistoryComponent,
    AudienceSampleComponent,
    AiDescribeComponent,
    ...FORMAT_PIPES,
  ],
  providers: [AudiencePreviewService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './segment-builder-page.component.html',
  styleUrl: './segment-builder-page.component.scss',
})
export class SegmentBuilderPageComponent {
  /** Route param (`/segments/:id`); absent on `/segments/new`. */
  readonly id = input<string | undefined>(undefined);

  private readonly api = inject(SegmentsApiService);
  private readonly engagementOptions = inject(EngagementOptionsService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly preview = inject(AudiencePreviewService);
  protected readonly canWrite = inject(AuthService).canWrite;

  protected readonly rules = signal<SegmentGroup>(emptyGroup());
  protected readonly name = signal('');
  protected readonly description = signal('');
  protected readonly nameError = signal<string | null>(null);
  protected readonly meta = signal<SegmentFieldsDto | null>(null);
  protected readonly saved = signal<SegmentDetailDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);

  protected readonly isNew = computed(() => !this.id());
  protected readonly validation = computed(() => validateSegmentRules(this.rules()));
  protected readonly issues = computed(() =>
    issuesByRule([...(this.validation().ok ? [] : this.clientIssues()), ...this.preview.serverIssues()]),
  );
  protected readonly problemCount = computed(() => [...this.issues().values()].reduce((n, list) => n + list.length, 0));
  protected readonly conditionCount = computed(() => countConditions(this.rules()));
  protected readonly summary = computed(() => {
    const v = this.validation();
    if (!v.ok) return null;
    const names = this.engagementOptions;
    // Campaign conditions read better with names: re-summarize once they arrive.
    if (JSON.stringify(v.rules).includes('"campaign_engagement"')) names.campaigns()();
    const text = summarizeSegmentRules(v.rules, {
      campaignName: (id) => names.campaignName(id),
      linkLabel: (campaignId, linkId) => names.linkUrl(campaignId, linkId),
    });
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
  });
  protected readonly share = computed(() => {
    const r = this.preview.result();
    return r && r.total > 0 ? r.count / r.total : 0;
  });
  protected readonly dirty = computed(() => {
    const s = this.saved();
    if (!s) return this.conditionCount() > 0 || this.name().trim() !== '';
    return (
      s.name !== this.name().trim() ||
      (s.description ?? '') !== this.description().trim() ||
      JSON.stringify(s.rules) !== JSON.stringify(this.rules())
    );
  });
  protected readonly title = computed(() => (this.isNew() ? 'New segment' : this.saved()?.name || 'Segment'));

  private readonly clientIssues = computed(() => {
    const v = this.validation();
    return v.ok ? [] : v.errors;
  });

  constructor() {
    this.api.fields().subscribe({ next: (m) => this.meta.set(m), error: () => undefined });

    effect(() => {
      const id = this.id();
      untracked(() => (id ? this.load(id) : this.reset()));
    });

    effect(() => {
      const v = this.validation();
      untracked(() => (v.ok ? this.preview.update(v.rules) : this.preview.invalidate()));
    });
  }

  protected reload(): void {
    const id = this.id();
    if (id) this.load(id);
  }

  protected setName(value: string): void {
    this.name.set(value);
    if (this.nameError()) this.nameError.set(null);
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected save(): void {
    if (this.saving() || !this.canWrite()) return;
    const name = this.name().trim();
    if (!name) {
      this.nameError.set('Give the segment a name before saving.');
      return;
    }
    const v = this.validation();
    if (!v.ok) {
      this.snackBar.open('Some conditions need attention before the segment can be saved.', 'OK', { duration: 5000 });
      return;
    }
    const body = { name, description: this.description().trim() || null, rules: v.rules };
    const id = this.id();
    this.saving.set(true);
    (id ? this.api.update(id, body) : this.api.create(body)).subscribe({
      next: (segment) => {
        this.saving.set(false);
        this.snackBar.open(`Segment “${segment.name}” saved`, 'OK', { duration: 4000 });
        if (id) this.load(id);
        else void this.router.navigate(['/segments', segment.id], { replaceUrl: true });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        if (err instanceof HttpErrorResponse && err.status === 409) {
          this.nameError.set(`A segment named “${name}” already exists. Choose another name.`);
        } else {
          this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
        }
      },
    });
  }

  protected saveAs(): void {
    const v = this.validation();
    if (!v.ok || !this.canWrite()) {
      this.snackBar.open('Some conditions need attention before the segment can be saved.', 'OK', { duration: 5000 });
      return;
    }
    const data: SaveAsDialogData = {
      name: `${this.name().trim() || 'Segment'} (copy)`,
      description: this.description(),
      save: (name, description) => this.api.create({ name, description: description || null, rules: v.rules }),
    };
    this.dialog
      .open<SaveAsDialogComponent, SaveAsDialogData, SegmentDto>(SaveAsDialogComponent, { data, autoFocus: 'dialog' })
      .afterClosed()
      .subscribe((copy) => {
        if (!copy) return;
        this.snackBar.open(`Saved as “${copy.name}”`, 'OK', { duration: 4000 });
        void this.router.navigate(['/segments', copy.id]);
      });
  }

  protected exportCsv(): void {
    const s = this.saved();
    if (!s) return;
    this.api.exportCsv(s.id).subscribe({
      next: (blob) => {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = `${s.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'segment'}.csv`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
      error: (err: unknown) =>
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' }),
    });
  }

  private reset(): void {
    this.saved.set(null);
    this.rules.set(emptyGroup());
    this.name.set('');
    this.description.set('');
  }

  private load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api.get(id).subscribe({
      next: (segment) => {
        this.loading.set(false);
        this.saved.set(segment);
        this.name.set(segment.name);
        this.description.set(segment.description ?? '');
        this.rules.set(segment.rules);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(
          err instanceof HttpErrorResponse && err.status === 404
            ? 'This segment does not exist (it may have been deleted).'
            : errorMessage(err),
        );
      },
    });
  }
}
