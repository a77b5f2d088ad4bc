/**
 * Told when a recipient unsubscribed through a campaign's link (the token names the campaign).
 * Implemented by `@mini-crm/api/analytics` (rollup `unsubscribes`), provided globally under
 * UNSUBSCRIBE_LISTENER; optional, customers never import it.
 */
export interface UnsubscribeListener {
  unsubscribed(event: { customerId: string; campaignId: string; channel: 'sms' | 'email' }): Promise<void>;
}

export const UNSUBSCRIBE_LISTENER = Symbol('UNSUBSCRIBE_LISTENER');
