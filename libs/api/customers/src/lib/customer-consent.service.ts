import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { ChangeConsentDto, ConsentHistoryDto, CustomerDto } from '@mini-crm/contracts';
import { withTransaction, type DbOrTx } from '@mini-crm/db';
import { AuditService, WebhookEvents, type AuthUser } from '@mini-crm/api/core';
import { consentChanges } from './consent/consent-changes.util';
import { ConsentEventsRepository } from './consent/history/consent-events.repository';
import { toConsentEventDto } from './consent/history/consent-event.mapper';
import { SuppressionService } from './consent/suppression/suppression.service';
import { toCustomerDto } from './customer.mapper';
import { consentEventsOf, consentSourceOf, publishUnsubscribes, suppressTightened } from './customer-consent.util';
import { CustomersRepository } from './customers.repository';

/** A customer's consent and privacy: explicit consent changes, the consent history and erasure. */
@Injectable()
export class CustomerConsentService {
  constructor(
    private readonly repo: CustomersRepository,
    private readonly audit: AuditService,
    private readonly consentEvents: ConsentEventsRepository,
    private readonly suppressions: SuppressionService,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** The explicit consent action: any move with its source; lifting a blocklist entry needs an admin. */
  async changeConsent(id: string, input: ChangeConsentDto, actor: AuthUser): Promise<CustomerDto> {
    const key = input.channel === 'email' ? 'emailStatus' : 'smsStatus';
    let consent: Record<string, { from: string; to: string }> = {};
    const changed = await withTransaction(this.repo.db, async (tx) => {
      const current = await this.repo.get(id, tx, { forUpdate: true });
      if (!current) throw new NotFoundException(`Customer ${id} not found`);
      if (current[key] === 'blocklisted' && input.status !== 'blocklisted' && actor.role !== 'admin')
        throw new ForbiddenException(`Only an admin can lift the ${input.channel} blocklist entry of a customer`);
      const row = current[key] === input.status ? current : await this.repo.update(id, { [key]: input.status }, tx);
      if (!row) throw new NotFoundException(`Customer ${id} not found`);
      consent = consentChanges(current, row);
      if (Object.keys(consent).length > 0)
        await this.audit.record(
          {
            actor,
            action: 'customer.consent_changed',
            entity: 'customer',
            entityId: id,
            diff: { ...consent, source: input.source },
          },
          tx,
        );
      if (Object.keys(consent).length > 0) {
        await this.consentEvents.insert(consentEventsOf(id, consent, consentSourceOf(actor), input.source, actor), tx);
        await suppressTightened(this.suppressions, row, consent, tx);
        // An explicit re-subscription lifts the contact point's suppression entry.
        if (input.status === 'subscribed')
          await this.suppressions.lift(input.channel, input.channel === 'email' ? row.email : row.phone, tx);
      }
      return toCustomerDto(row);
    });
    await publishUnsubscribes(this.webhooks, id, consent, input.source);
    return changed;
  }

  /**
   * Erasure, customer part: contact points of channels the person left (unsubscribed, blocklisted) go on the
   * suppression list first, then every identifying field is cleared. Consent statuses, aggregates and the
   * consent history (no PII) stay. Answers the suppressed channels.
   */
  async erase(id: string, actor: AuthUser, tx: DbOrTx): Promise<{ suppressed: Array<'email' | 'sms'> }> {
    const current = await this.repo.get(id, tx, { forUpdate: true });
    if (!current) throw new NotFoundException(`Customer ${id} not found`);
    const suppressed: Array<'email' | 'sms'> = [];
    for (const channel of ['email', 'sms'] as const) {
      const status = channel === 'email' ? current.emailStatus : current.smsStatus;
      const contact = channel === 'email' ? current.email : current.phone;
      if (status === 'subscribed' || !contact) continue;
      await this.suppressions.suppress(channel, contact, 'erased', tx, actor.id);
      suppressed.push(channel);
    }
    await this.repo.erase(id, tx);
    return { suppressed };
  }

  /** A customer's consent changes, newest first. */
  async consentHistory(id: string): Promise<ConsentHistoryDto> {
    if (!(await this.repo.get(id))) throw new NotFoundException(`Customer ${id} not found`);
    return { items: (await this.consentEvents.forCustomer(id)).map(toConsentEventDto) };
  }
}
