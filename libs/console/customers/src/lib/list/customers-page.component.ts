import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import {
  EmptyStateComponent,
  ErrorBannerComponent,
  LoadMoreComponent,
  PageHeaderComponent,
  UserAvatarComponent,
  cursorPagedList,
  searchTerms,
} from '@mini-crm/console/ui';
import { map, merge } from 'rxjs';
import type { CustomerDto } from '@mini-crm/contracts';
import { CustomersApiService } from '../data/customers-api.service';
import { customerName, formatMoney } from '../format/customer-format.util';
import {
  CustomerListState,
  headerFromSort,
  listStateFromParams,
  listStateToParams,
  sortFromHeader,
} from './customer-list-state.util';

const PAGE_SIZE = 50;

@Component({
  selector: 'crm-customers-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatTableModule,
    MatSortModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    PageHeaderComponent,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadMoreComponent,
    UserAvatarComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './customers-page.component.html',
  styleUrl: './customers-page.component.scss',
})
export class CustomersPageComponent {
  private readonly api = inject(CustomersApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly canWrite = inject(AuthService).canWrite;
  protected readonly columns = ['name', 'email', 'phone', 'city', 'tags', 'totalSpend', 'orderCount', 'lastOrderAt'];
  protected readonly state = signal<CustomerListState>(listStateFromParams(this.route.snapshot.queryParams));
  protected readonly search = new FormControl(this.state().q, { nonNullable: true });
  protected readonly city = new FormControl(this.state().city, { nonNullable: true });
  protected readonly tag = new FormControl(this.state().tag, { nonNullable: true });
  protected readonly sortActive = headerFromSort(this.state().sort);
  protected readonly list = cursorPagedList((state: CustomerListState, cursor) =>
    this.api.list({ ...state, cursor, limit: PAGE_SIZE }),
  );
  protected readonly name = customerName;
  protected readonly money = formatMoney;

  constructor() {
    const text = (control: FormControl<string>, key: 'q' | 'city' | 'tag') =>
      searchTerms(control).pipe(map((v) => ({ [key]: v })));
    merge(text(this.search, 'q'), text(this.city, 'city'), text(this.tag, 'tag'))
      .pipe(takeUntilDestroyed())
      .subscribe((change) => this.apply(change));

    this.list.load(this.state());
  }

  protected sortChange(sort: Sort): void {
    this.apply(sortFromHeader(sort.active, sort.direction));
  }

  protected filterByTag(tag: string, event: Event): void {
    event.stopPropagation();
    this.tag.setValue(tag);
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.city.setValue('', { emitEvent: false });
    this.tag.setValue('', { emitEvent: false });
    this.apply({ q: '', city: '', tag: '' });
  }

  protected hasFilters(): boolean {
    const s = this.state();
    return !!(s.q || s.city || s.tag);
  }

  protected open(customer: CustomerDto): void {
    void this.router.navigate(['/customers', customer.id]);
  }

  private apply(change: Partial<CustomerListState>): void {
    const state = { ...this.state(), ...change };
    this.state.set(state);
    void this.router.navigate([], { relativeTo: this.route, queryParams: listStateToParams(state), replaceUrl: true });
    this.list.load(state);
  }
}
