import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { LIST_PAGE_IMPORTS, cursorPagedList, searchTerms } from '@mini-crm/console/ui';
import { AUDIT_ACTIONS, type AuditEntryDto } from '@mini-crm/contracts';
import { map } from 'rxjs';
import { AuditApiService } from './audit-api.service';
import { auditDetails, type AuditDetails } from './audit-details.util';
import { auditActor } from './audit-format.util';
import { auditActionLabel } from './audit-action-labels';

interface AuditRow {
  entry: AuditEntryDto;
  /** The action in plain words. */
  label: string;
  actor: string;
  details: AuditDetails;
}

@Component({
  selector: 'crm-audit-page',
  imports: [LIST_PAGE_IMPORTS, ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatAutocompleteModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.scss',
})
export class AuditPageComponent {
  private readonly api = inject(AuditApiService);

  protected readonly columns = ['at', 'actor', 'action', 'entity', 'details'];
  /** Entries whose raw JSON is shown. */
  protected readonly rawShown = signal<ReadonlySet<string>>(new Set());
  protected readonly actionFilter = new FormControl('', { nonNullable: true });
  private readonly typedAction = toSignal(this.actionFilter.valueChanges, { initialValue: '' });
  protected readonly suggestions = computed(() => {
    const typed = this.typedAction().trim().toLowerCase();
    // The filter offers every action the API records (found by its name or its words), and accepts any name.
    return AUDIT_ACTIONS.filter((a) => a.includes(typed) || auditActionLabel(a).toLowerCase().includes(typed));
  });
  protected readonly list = cursorPagedList((action: string, cursor) =>
    this.api.list({ action, cursor }).pipe(map((page) => ({ ...page, items: page.items.map(toRow) }))),
  );

  constructor() {
    searchTerms(this.actionFilter)
      .pipe(takeUntilDestroyed())
      .subscribe((action) => this.list.load(action));

    this.list.load('');
  }

  protected readonly label = auditActionLabel;

  protected clearFilter(): void {
    this.actionFilter.setValue('');
  }

  protected toggleRaw(id: string): void {
    const next = new Set(this.rawShown());
    if (!next.delete(id)) next.add(id);
    this.rawShown.set(next);
  }
}

function toRow(entry: AuditEntryDto): AuditRow {
  return { entry, label: auditActionLabel(entry.action), actor: auditActor(entry), details: auditDetails(entry) };
}
