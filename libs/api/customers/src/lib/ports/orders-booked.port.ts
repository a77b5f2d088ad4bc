/**
 * Told after orders were booked and committed (API, batch, import), implemented by
 * `@mini-crm/api/insights` (a debounced model run) and provided globally under
 * ORDERS_BOOKED_LISTENER. Never fails the caller: a listener logs its own trouble.
 */
export interface OrdersBookedListener {
  ordersBooked(count: number): Promise<void>;
}

export const ORDERS_BOOKED_LISTENER = Symbol('ORDERS_BOOKED_LISTENER');
