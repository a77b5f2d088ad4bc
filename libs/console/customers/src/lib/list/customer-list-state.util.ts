import type { CustomerSort } from '@mini-crm/contracts';

export type SortOrder = 'asc' | 'desc';

/** Which column set the list shows: contact details (default) or the model's outlook scores. */
export type CustomerListView = 'contact' | 'outlook';

export const LIST_COLUMNS: Record<CustomerListView, readonly string[]> = {
  contact: ['name', 'email', 'phone', 'city', 'tags', 'totalSpend', 'orderCount', 'lastOrderAt'],
  outlook: ['name', 'rfm', 'pAlive', 'expected30', 'expected90', 'predictedClv', 'avgOrderValue', 'lastOrderAt'],
};

/** What the customers list shows; mirrored in the URL so back from a detail page restores it. */
export interface CustomerListState {
  q: string;
  city: string;
  tag: string;
  sort: CustomerSort;
  order: SortOrder;
  view: CustomerListView;
}

export const DEFAULT_LIST_STATE: CustomerListState = {
  q: '',
  city: '',
  tag: '',
  sort: 'created',
  order: 'desc',
  view: 'contact',
};

const SORTS: readonly CustomerSort[] = ['name', 'created', 'totalSpend', 'lastOrder'];

/** Table column id → API sort key, for the sortable columns. */
export const SORTABLE_COLUMNS: Readonly<Record<string, CustomerSort>> = {
  name: 'name',
  totalSpend: 'totalSpend',
  lastOrderAt: 'lastOrder',
  createdAt: 'created',
};

/** A mat-sort change to the API sort; clearing the sort falls back to newest first. */
export function sortFromHeader(
  active: string,
  direction: '' | 'asc' | 'desc',
): Pick<CustomerListState, 'sort' | 'order'> {
  const sort = SORTABLE_COLUMNS[active];
  if (!sort || direction === '') return { sort: DEFAULT_LIST_STATE.sort, order: DEFAULT_LIST_STATE.order };
  return { sort, order: direction };
}

/** The column header showing the current sort ('' when it is the default and not a visible column). */
export function headerFromSort(sort: CustomerSort): string {
  return Object.entries(SORTABLE_COLUMNS).find(([, s]) => s === sort)?.[0] ?? '';
}

export function listStateFromParams(params: Readonly<Record<string, string | undefined>>): CustomerListState {
  const sort = SORTS.includes(params['sort'] as CustomerSort)
    ? (params['sort'] as CustomerSort)
    : DEFAULT_LIST_STATE.sort;
  const order: SortOrder =
    params['order'] === 'asc' || params['order'] === 'desc' ? params['order'] : DEFAULT_LIST_STATE.order;
  const view: CustomerListView = params['view'] === 'outlook' ? 'outlook' : 'contact';
  return { q: params['q'] ?? '', city: params['city'] ?? '', tag: params['tag'] ?? '', sort, order, view };
}

/** Query params for the URL: defaults left out so a plain /customers stays plain. */
export function listStateToParams(state: CustomerListState): Record<string, string | null> {
  const isDefaultSort = state.sort === DEFAULT_LIST_STATE.sort && state.order === DEFAULT_LIST_STATE.order;
  return {
    q: state.q.trim() || null,
    city: state.city.trim() || null,
    tag: state.tag.trim() || null,
    sort: isDefaultSort ? null : state.sort,
    order: isDefaultSort ? null : state.order,
    view: state.view === 'outlook' ? 'outlook' : null,
  };
}
