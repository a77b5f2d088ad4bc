import { apiUrl, prefetchGet } from '@mini-crm/console/core';
import { CUSTOMER_PAGE_SIZE, customerListParams } from '../data/customers-api.service';
import { DEFAULT_LIST_STATE } from './customer-list-state.util';

/**
 * The customer list is the landing page: opened at `/` or `/customers` without filters, its first
 * page is requested before Angular boots (main.ts) and the list picks the answer up.
 */
export function prefetchCustomerList(): void {
  const path = location.pathname.replace(/\/+$/, '');
  if ((path !== '' && path !== '/customers') || location.search) return;
  const params = customerListParams({ ...DEFAULT_LIST_STATE, limit: CUSTOMER_PAGE_SIZE });
  prefetchGet(`${apiUrl('/customers')}?${params.toString()}`, { auth: true });
}
