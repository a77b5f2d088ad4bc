import type { DbOrTx } from '@mini-crm/db';
import type { AuthUser, WebhookEvents } from '@mini-crm/api/core';
import type { ConsentEventInput } from './consent/history/consent-events.repository';
import type { SuppressionService } from './consent/suppression/suppression.service';
import type { CustomerRow } from './customer.mapper';

type ConsentDiff = Record<string, { from: string; to: string }>;

/** Who changed consent: an admin's action is `admin`, anyone else's through the API is `api`. */
export function consentSourceOf(actor: AuthUser): 'admin' | 'api' {
  return actor.role === 'admin' ? 'admin' : 'api';
}

export function consentEventsOf(
  customerId: string,
  consent: ConsentDiff,
  source: 'admin' | 'api',
  note: string,
  actor: AuthUser,
): ConsentEventInput[] {
  return Object.entries(consent).map(([key, { to }]) => ({
    customerId,
    channel: key === 'emailStatus' ? 'email' : 'sms',
    status: to,
    source,
    note,
    actorId: actor.id,
  }));
}

/** Channels that moved to unsubscribed or blocklisted put the contact point on the suppression list. */
export async function suppressTightened(
  suppressions: SuppressionService,
  row: Pick<CustomerRow, 'email' | 'phone'>,
  consent: ConsentDiff,
  tx: DbOrTx,
): Promise<void> {
  for (const [key, { to }] of Object.entries(consent)) {
    if (to === 'subscribed') continue;
    const channel = key === 'emailStatus' ? 'email' : 'sms';
    await suppressions.suppress(
      channel,
      channel === 'email' ? row.email : row.phone,
      to === 'blocklisted' ? 'blocklisted' : 'unsubscribed',
      tx,
    );
  }
}

/** customer.unsubscribed for each channel a change moved to unsubscribed (after the commit). */
export async function publishUnsubscribes(
  webhooks: WebhookEvents,
  customerId: string,
  consent: ConsentDiff,
  source: string,
): Promise<void> {
  for (const [key, { to }] of Object.entries(consent))
    if (to === 'unsubscribed')
      await webhooks.publish('customer.unsubscribed', {
        customerId,
        channel: key === 'emailStatus' ? 'email' : 'sms',
        source,
      });
}
