import { Injectable } from '@nestjs/common';
import type { OrderDto, PrivacyExportDto } from '@mini-crm/contracts';
import { withTransaction } from '@mini-crm/db';
import { AuditService, type AuthUser } from '@mini-crm/api/core';
import { CustomerConsentService, CustomersService } from '@mini-crm/api/customers';
import { PrivacyRepository } from './privacy.repository';

/** Data-subject requests: everything about one customer as JSON, and erasure. Both audited without PII. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly repo: PrivacyRepository,
    private readonly customers: CustomersService,
    private readonly consent: CustomerConsentService,
    private readonly audit: AuditService,
  ) {}

  async export(id: string, actor: AuthUser): Promise<PrivacyExportDto> {
    const detail: Partial<Awaited<ReturnType<CustomersService['get']>>> = await this.customers.get(id);
    delete detail.recentOrders;
    const customer = detail;
    const orders: OrderDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.customers.orders(id, 1000, cursor);
      orders.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const [messages, messageEvents, engagementEvents, history] = [
      await this.repo.messages(id),
      await this.repo.messageEvents(id),
      await this.repo.engagementEvents(id),
      await this.consent.consentHistory(id),
    ];
    await this.audit.record({
      actor,
      action: 'customer.privacy_exported',
      entity: 'customer',
      entityId: id,
      diff: { orders: orders.length, messages: messages.length, consentEvents: history.items.length },
    });
    return {
      exportedAt: new Date().toISOString(),
      customer: customer as unknown as Record<string, unknown>,
      orders: orders as unknown as Record<string, unknown>[],
      messages,
      messageEvents,
      engagementEvents,
      consentHistory: [...history.items].reverse(),
    };
  }

  /** PII leaves the customer row, the messages' recipient and text, and the events; the suppression hash stays. */
  async erase(id: string, actor: AuthUser): Promise<{ suppressed: Array<'email' | 'sms'>; messages: number }> {
    return withTransaction(this.repo.db, async (tx) => {
      const { suppressed } = await this.consent.erase(id, actor, tx);
      const { messages } = await this.repo.erase(id, tx);
      await this.audit.record(
        { actor, action: 'customer.erased', entity: 'customer', entityId: id, diff: { suppressed, messages } },
        tx,
      );
      return { suppressed, messages };
    });
  }
}
