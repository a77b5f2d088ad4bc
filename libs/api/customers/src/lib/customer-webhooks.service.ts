import { Injectable } from '@nestjs/common';
import { WebhookEvents } from '@mini-crm/api/core';
import { toCustomerDto } from './customer.mapper';
import { CustomersRepository } from './customers.repository';
import type { ConsentEventInput } from './consent/history/consent-events.repository';

/** What a committed batch upsert did, for its webhook events. */
export interface CustomerBatchChanges {
  created: readonly string[];
  /** Updated customer id → the fields the record set (as `changed` of a single update). */
  updated: ReadonlyMap<string, readonly string[]>;
  consent: readonly ConsentEventInput[];
}

/**
 * The customer.* webhook events of a batch upsert, called after its transaction committed: the same
 * events, one per customer, as the single-record routes publish (customer.created, customer.updated
 * with `changed`, customer.unsubscribed per channel), read back in one query and sent in one pipeline.
 */
@Injectable()
export class CustomerWebhooksService {
  constructor(
    private readonly repo: CustomersRepository,
    private readonly webhooks: WebhookEvents,
  ) {}

  async batchCommitted(changes: CustomerBatchChanges): Promise<void> {
    const rows = await this.repo.getMany([...changes.created, ...changes.updated.keys()]);
    const byId = new Map(rows.map((r) => [r.id, toCustomerDto(r)]));
    const created = changes.created.flatMap((id) => (byId.has(id) ? [{ customer: byId.get(id) }] : []));
    const updated = [...changes.updated].flatMap(([id, changed]) =>
      byId.has(id) ? [{ customer: byId.get(id), changed: [...changed] }] : [],
    );
    await this.webhooks.publishEach('customer.created', created);
    await this.webhooks.publishEach('customer.updated', updated);
    await this.webhooks.publishEach(
      'customer.unsubscribed',
      changes.consent
        .filter((c) => c.status === 'unsubscribed')
        .map((c) => ({ customerId: c.customerId, channel: c.channel, source: c.source })),
    );
  }
}
