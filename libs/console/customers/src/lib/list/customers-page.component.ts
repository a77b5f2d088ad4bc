import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSortModule, Sort } from '@angular/material/sort';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import {
  LIST_PAGE_IMPORTS,
  LoadNearEndDirective,
  ViewportFitsRowsDirective,
  UserAvatarComponent,
  cursorPagedList,
  formatMoney,
  formatPercent,
  searchTerms,
} from '@mini-crm/console/ui';
import { map, merge } from 'rxjs';
import { RFM_SEGMENT_LABELS, type CustomerDto, type RfmSegmentValue } from '@mini-crm/contracts';
import { formatExpected } from '../outlook/customer-outlook.util';
import { CUSTOMER_PAGE_SIZE, CustomersApiService } from '../data/customers-api.service';
import { customerName } from '../format/customer-format.util';
import {
  CustomerListState,
  CustomerListView,
  LIST_COLUMNS,
  headerFromSort,
  listStateFromParams,
  listStateToParams,
  sortFromHeader,
} from './customer-list-state.util';

/** Fixed row and header heights (px, see the stylesheet): the virtual scroll strategy places rows by them. */
const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 56;

@Component({
  selector: 'crm-customers-page',
  imports: [
    LIST_PAGE_IMPORTS,
    ReactiveFormsModule,
    RouterLink,
    MatSortModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    UserAvatarComponent,
    ScrollingModule,
    LoadNearEndDirective,
    ViewportFitsRowsDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './customers-page.component.html',
  styleUrl: './customers-page.component.scss',
})
export class CustomersPageComponent {
  private readonly api = inject(CustomersApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  private readonly viewport = viewChild(CdkVirtualScrollViewport);

  protected readonly canWrite = inject(AuthService).canWrite;
  protected readonly rowHeight = ROW_HEIGHT;
  protected readonly headerHeight = HEADER_HEIGHT;
  protected readonly state = signal<CustomerListState>(listStateFromParams(this.route.snapshot.queryParams));
  protected readonly columns = computed(() => LIST_COLUMNS[this.state().view]);
  protected readonly search = new FormControl(this.state().q, { nonNullable: true });
  protected readonly city = new FormControl(this.state().city, { nonNullable: true });
  protected readonly tag = new FormControl(this.state().tag, { nonNullable: true });
  protected readonly textFilters = [
    {
      key: 'q',
      control: this.search,
      icon: 'search',
      label: 'Search name, email or phone',
      testId: 'customers-search',
      clears: 'search',
    },
    {
      key: 'city',
      control: this.city,
      icon: 'location_city',
      label: 'City',
      testId: 'customers-filter-city',
      clears: 'city',
    },
    { key: 'tag', control: this.tag, icon: 'sell', label: 'Tag', testId: 'customers-filter-tag', clears: 'tag' },
  ] as const;
  protected readonly sortActive = headerFromSort(this.state().sort);
  protected readonly list = cursorPagedList((state: CustomerListState, cursor) =>
    this.api.list({ ...state, cursor, limit: CUSTOMER_PAGE_SIZE }),
  );
  protected readonly name = customerName;
  protected readonly money = formatMoney;
  /** A model amount, or a dash for a customer the model has not scored. */
  protected readonly scoreMoney = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : formatMoney(v);
  protected readonly percent = formatPercent;
  protected readonly expected = formatExpected;
  protected readonly segmentLabel = (segment: RfmSegmentValue) => RFM_SEGMENT_LABELS[segment] ?? segment;

  constructor() {
    merge(...this.textFilters.map((f) => searchTerms(f.control).pipe(map((v) => ({ [f.key]: v })))))
      .pipe(takeUntilDestroyed())
      .subscribe((change) => this.apply(change));

    this.list.load(this.state());
  }

  /** Contact or Outlook columns; the Outlook set asks the API for the scores (the plain list stays lean). */
  protected setView(view: CustomerListView): void {
    if (view !== this.state().view) this.apply({ view });
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
    this.viewport()?.scrollToOffset(0);
    void this.router.navigate([], { relativeTo: this.route, queryParams: listStateToParams(state), replaceUrl: true });
    this.list.load(state);
  }
}
