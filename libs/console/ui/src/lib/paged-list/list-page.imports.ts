import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { EmptyStateComponent } from '../empty-state/empty-state.component';
import { FORMAT_PIPES } from '../format/format.pipes';
import { PageHeaderComponent } from '../page-header/page-header.component';
import { TruncateDirective } from '../truncate/truncate.directive';
import { ListCardComponent } from './list-card.component';
import { LoadMoreComponent } from './load-more.component';

/** What every list page's template is built from: header, card, table, loading bar, banner, empty state, Load more. */
export const LIST_PAGE_IMPORTS = [
  ...FORMAT_PIPES,
  MatButtonModule,
  MatIconModule,
  MatProgressBarModule,
  MatTableModule,
  MatTooltipModule,
  PageHeaderComponent,
  EmptyStateComponent,
  ListCardComponent,
  LoadMoreComponent,
  TruncateDirective,
] as const;
