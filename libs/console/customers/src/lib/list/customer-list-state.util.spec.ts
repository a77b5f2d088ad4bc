import {
  DEFAULT_LIST_STATE,
  headerFromSort,
  listStateFromParams,
  listStateToParams,
  sortFromHeader,
} from './customer-list-state.util';

describe('customer list state', () => {
  it('maps sortable headers to the API sort and back', () => {
    expect(sortFromHeader('totalSpend', 'desc')).toEqual({ sort: 'totalSpend', order: 'desc' });
    expect(sortFromHeader('lastOrderAt', 'asc')).toEqual({ sort: 'lastOrder', order: 'asc' });
    expect(sortFromHeader('name', '')).toEqual({ sort: 'created', order: 'desc' });
    expect(sortFromHeader('email', 'asc')).toEqual({ sort: 'created', order: 'desc' });
    expect(headerFromSort('lastOrder')).toBe('lastOrderAt');
    expect(headerFromSort('created')).toBe('createdAt');
  });

  it('round-trips through query params, leaving defaults out', () => {
    const state = {
      q: 'asha',
      city: 'Pune',
      tag: 'vip',
      sort: 'name' as const,
      order: 'asc' as const,
      view: 'outlook' as const,
    };
    const params = listStateToParams(state);
    expect(params).toEqual({ q: 'asha', city: 'Pune', tag: 'vip', sort: 'name', order: 'asc', view: 'outlook' });
    expect(listStateFromParams(params as Record<string, string>)).toEqual(state);
    expect(listStateToParams(DEFAULT_LIST_STATE)).toEqual({
      q: null,
      city: null,
      tag: null,
      sort: null,
      order: null,
      view: null,
    });
  });

  it('ignores unknown sort and view values in the URL', () => {
    expect(listStateFromParams({ sort: 'drop table', order: 'sideways', view: 'everything' })).toEqual(
      DEFAULT_LIST_STATE,
    );
  });
});
