import type { DbOrTx } from '@mini-crm/db';

/**
 * What order booking tells the rest of the system, implemented by `@mini-crm/api/analytics` and
 * provided globally under ORDER_ATTRIBUTION. Customers never import analytics or campaigns (they
 * depend on customers), so the libs stay acyclic; without a provider, orders are booked unattributed.
 */
export interface OrderAttribution {
  /** Attributes the newly booked orders (set-based, in the booking transaction `db`). */
  attribute(db: DbOrTx, orderIds: readonly string[]): Promise<void>;
}

export const ORDER_ATTRIBUTION = Symbol('ORDER_ATTRIBUTION');
