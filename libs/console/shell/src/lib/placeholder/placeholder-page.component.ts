import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { ActivatedRoute } from '@angular/router';
import { EmptyStateComponent, PageHeaderComponent } from '@mini-crm/console/ui';

/** Route data of a placeholder page. */
export interface PlaceholderData {
  title: string;
  icon: string;
  subtitle: string;
  message: string;
}

/** Stand-in page for a feature that is not built yet. */
@Component({
  selector: 'crm-placeholder-page',
  imports: [MatCardModule, PageHeaderComponent, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header [title]="data.title" [subtitle]="data.subtitle" />
    <mat-card appearance="outlined" class="card" data-testid="placeholder-page">
      <crm-empty-state [icon]="data.icon" [title]="'Nothing here yet'" [message]="data.message" />
    </mat-card>
  `,
  styles: `
    .card {
      border-radius: 16px;
      background: var(--mat-sys-surface);
    }
  `,
})
export class PlaceholderPageComponent {
  protected readonly data = inject(ActivatedRoute).snapshot.data as PlaceholderData;
}
