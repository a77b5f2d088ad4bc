import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SubscriptionStatusValue } from '@mini-crm/contracts';
import { APP_CONFIG, AppConfig, AuditService, WebhookEvents } from '@mini-crm/api/core';
import { ConsentRepository } from './consent.repository';
import { ConsentEventsRepository } from './history/consent-events.repository';
import { SuppressionService } from './suppression/suppression.service';
import { UNSUBSCRIBE_LISTENER, type UnsubscribeListener } from '../ports/unsubscribe-listener.port';
import { normalizeSender, smsKeyword } from './sms-keyword.util';
import {
  ConsentChannel,
  signUnsubscribeToken,
  UnsubscribeClaim,
  unsubscribeKey,
  verifyUnsubscribeToken,
} from './unsubscribe-token.util';

/**
 * Consent changes that come from recipients (unsubscribe link, SMS STOP/START). They only touch the
 * per-channel status; send jobs read it at send time, so running campaigns honour it at once.
 */
@Injectable()
export class ConsentService {
  private readonly key: Buffer;

  constructor(
    private readonly repo: ConsentRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly events: ConsentEventsRepository,
    private readonly suppressions: SuppressionService,
    private readonly webhooks: WebhookEvents,
    @Optional() @Inject(UNSUBSCRIBE_LISTENER) private readonly listener: UnsubscribeListener | null = null,
  ) {
    this.key = unsubscribeKey(config.auth.jwtSecret);
  }

  unsubscribeToken(customerId: string, channel: ConsentChannel, campaignId: string): string {
    return signUnsubscribeToken(this.key, customerId, channel, campaignId);
  }

  unsubscribeUrl(token: string): string {
    return `${this.config.publicUrl}/api/unsubscribe/${encodeURIComponent(token)}`;
  }

  verifyToken(token: string): UnsubscribeClaim | null {
    return verifyUnsubscribeToken(this.key, token);
  }

  /** Masked contact point for the confirmation page (never the full address). */
  async describe(claim: UnsubscribeClaim): Promise<{ contact: string | null; status: string } | null> {
    const row = await this.repo.contact(claim.customerId, claim.channel);
    if (!row) return null;
    return { contact: mask(claim.channel === 'email' ? row.email : row.phone), status: row.status };
  }

  /** subscribed → unsubscribed (blocklisted stays blocklisted). True when something changed. */
  async unsubscribe(claim: UnsubscribeClaim, source: 'link' | 'one-click'): Promise<boolean> {
    if (!(await this.repo.moveOne(claim.customerId, claim.channel, 'subscribed', 'unsubscribed'))) return false;
    await this.events.insert([
      {
        customerId: claim.customerId,
        channel: claim.channel,
        status: 'unsubscribed',
        source: 'unsubscribe_link',
        note: source === 'one-click' ? 'one-click from the mail client' : 'unsubscribe page',
      },
    ]);
    const contact = await this.repo.contact(claim.customerId, claim.channel);
    await this.suppressions.suppress(
      claim.channel,
      (claim.channel === 'email' ? contact?.email : contact?.phone) ?? null,
      'unsubscribed',
    );
    await this.audit.record({
      action: 'customer.unsubscribed',
      entity: 'customer',
      entityId: claim.customerId,
      diff: { channel: claim.channel, from: 'subscribed', to: 'unsubscribed', source, campaignId: claim.campaignId },
    });
    await this.listener?.unsubscribed({
      customerId: claim.customerId,
      campaignId: claim.campaignId,
      channel: claim.channel,
    });
    await this.webhooks.publish('customer.unsubscribed', {
      customerId: claim.customerId,
      channel: claim.channel,
      source: 'unsubscribe_link',
      campaignId: claim.campaignId,
    });
    return true;
  }

  /**
   * An inbound SMS: a STOP keyword unsubscribes its sender from SMS, START re-subscribes a STOP,
   * anything else is ignored. Answers what it did and to how many customers.
   */
  async inboundSms(sms: {
    id: string;
    from: string;
    text: string;
  }): Promise<{ action: 'unsubscribed' | 'resubscribed' | 'ignored'; customers: number }> {
    const action = smsKeyword(sms.text);
    if (!action) return { action: 'ignored', customers: 0 };
    const [from, to]: SubscriptionStatusValue[] =
      action === 'unsubscribe' ? ['subscribed', 'unsubscribed'] : ['unsubscribed', 'subscribed'];
    const phone = normalizeSender(sms.from, this.config.defaults.country);
    const ids = await this.repo.moveSmsByPhone(phone, from, to);
    await this.events.insert(
      ids.map((customerId) => ({
        customerId,
        channel: 'sms' as const,
        status: to,
        source: action === 'unsubscribe' ? ('stop' as const) : ('start' as const),
        note: `inbound SMS ${sms.id}`,
      })),
    );
    // A STOP suppresses the number even when no customer holds it (yet); START lifts only what a STOP set.
    if (action === 'unsubscribe') await this.suppressions.suppress('sms', phone, 'stop');
    else if (ids.length > 0) await this.suppressions.lift('sms', phone);
    for (const id of ids) {
      await this.audit.record({
        action: action === 'unsubscribe' ? 'customer.unsubscribed' : 'customer.resubscribed',
        entity: 'customer',
        entityId: id,
        diff: { channel: 'sms', from, to, source: 'sms-keyword', inboundId: sms.id },
      });
      if (action === 'unsubscribe')
        await this.webhooks.publish('customer.unsubscribed', { customerId: id, channel: 'sms', source: 'stop' });
    }
    return { action: action === 'unsubscribe' ? 'unsubscribed' : 'resubscribed', customers: ids.length };
  }
}

function mask(contact: string | null): string | null {
  if (!contact) return null;
  const at = contact.indexOf('@');
  if (at > 0) return `${contact.slice(0, Math.min(2, at))}…${contact.slice(at)}`;
  return contact.length > 4 ? `…${contact.slice(-4)}` : contact;
}
