import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SubscriptionStatusValue } from '@mini-crm/contracts';
import { withTransaction } from '@mini-crm/db';
import { AuditService, WebhookEvents } from '@mini-crm/api/core';
import { ConsentRepository } from './consent.repository';
import { ConsentEventsRepository } from './history/consent-events.repository';
import { SuppressionService } from './suppression/suppression.service';
import { UNSUBSCRIBE_LISTENER, type UnsubscribeListener } from '../ports/unsubscribe-listener.port';

/** The message a bounce or complaint was about, when the email service named one of ours. */
export interface FeedbackMessage {
  customerId: string;
  campaignId: string;
  messageId: string;
}

/**
 * What the email service tells us about an address, as consent: a hard bounce (or repeated soft bounces)
 * blocklists the email channel of the customer holding the address (source `bounce`; only an admin lifts
 * it), a spam complaint unsubscribes it (source `complaint`). Either way the address goes on the
 * suppression list, held or not, so no later audience reaches it. Status and history change in one
 * transaction; a channel already at that status or tighter is left alone and gets no history row.
 */
@Injectable()
export class EmailFeedbackService {
  constructor(
    private readonly repo: ConsentRepository,
    private readonly events: ConsentEventsRepository,
    private readonly suppressions: SuppressionService,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEvents,
    @Optional() @Inject(UNSUBSCRIBE_LISTENER) private readonly listener: UnsubscribeListener | null = null,
  ) {}

  /**
   * `email` normalized (lower case); `why` ("hard bounce") and the service's `reason` ("550 5.1.1 no such
   * user") make the history note. Answers the customers moved.
   */
  async bounced(email: string, why: string, reason: string | null, message: FeedbackMessage | null): Promise<string[]> {
    const detail = reason?.slice(0, 200) ?? null;
    const note = detail ? `${why}: ${detail}` : why;
    const moved = await this.apply(email, ['subscribed', 'unsubscribed'], 'blocklisted', 'bounce', note);
    await this.suppressions.suppress('email', email, 'bounced');
    await this.audit.record({
      action: 'customer.email_bounced',
      entity: 'customer',
      entityId: moved[0]?.id ?? message?.customerId ?? null,
      diff: {
        why,
        reason: detail,
        messageId: message?.messageId ?? null,
        campaignId: message?.campaignId ?? null,
        consent: moved.map((m) => ({ from: m.from, to: 'blocklisted' })),
      },
    });
    return moved.map((m) => m.id);
  }

  /** A spam report: subscribed → unsubscribed. Answers the customers moved. */
  async complained(email: string, message: FeedbackMessage | null): Promise<string[]> {
    const moved = await this.apply(
      email,
      ['subscribed'],
      'unsubscribed',
      'complaint',
      'marked as spam in the mail client',
    );
    // Whoever holds the address, a complaint means no more mail to it.
    await this.suppressions.suppress('email', email, 'unsubscribed');
    for (const { id } of moved) {
      const campaignId = message?.customerId === id ? message.campaignId : null;
      await this.audit.record({
        action: 'customer.unsubscribed',
        entity: 'customer',
        entityId: id,
        diff: { channel: 'email', from: 'subscribed', to: 'unsubscribed', source: 'complaint', campaignId },
      });
      if (campaignId) await this.listener?.unsubscribed({ customerId: id, campaignId, channel: 'email' });
      await this.webhooks.publish('customer.unsubscribed', {
        customerId: id,
        channel: 'email',
        source: 'complaint',
        ...(campaignId ? { campaignId } : {}),
      });
    }
    return moved.map((m) => m.id);
  }

  private apply(
    email: string,
    from: SubscriptionStatusValue[],
    to: SubscriptionStatusValue,
    source: 'bounce' | 'complaint',
    note: string,
  ): Promise<{ id: string; from: SubscriptionStatusValue }[]> {
    return withTransaction(this.repo.db, async (tx) => {
      const moved = await this.repo.moveEmailByAddress(email, from, to, tx);
      await this.events.insert(
        moved.map((m) => ({ customerId: m.id, channel: 'email' as const, status: to, source, note })),
        tx,
      );
      return moved;
    });
  }
}
