import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import { APP_CONFIG, AppConfig, AuditService, DB } from '@mini-crm/api/core';
import {
  ConsentChannel,
  signUnsubscribeToken,
  UnsubscribeClaim,
  unsubscribeKey,
  verifyUnsubscribeToken,
} from './unsubscribe-token.util';

const statusColumn = (channel: ConsentChannel) => (channel === 'sms' ? sql`sms_status` : sql`email_status`);

/**
 * Consent changes that come from recipients (unsubscribe link, SMS STOP/START). They only touch the
 * per-channel status; send jobs read it at send time, so running campaigns honour it at once.
 */
@Injectable()
export class ConsentService {
  private readonly key: Buffer;

  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
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
    const res = await this.db.execute(
      sql`select email, phone, ${statusColumn(claim.channel)} as status from customers where id = ${claim.customerId}`,
    );
    const row = rowsOf(res)[0] as { email: string | null; phone: string | null; status: string } | undefined;
    if (!row) return null;
    return { contact: mask(claim.channel === 'email' ? row.email : row.phone), status: row.status };
  }

  /** subscribed → unsubscribed (blocklisted stays blocklisted). True when something changed. */
  async unsubscribe(claim: UnsubscribeClaim, source: 'link' | 'one-click'): Promise<boolean> {
    const res = await this.db.execute(sql`
      update customers set ${statusColumn(claim.channel)} = 'unsubscribed', updated_at = now()
      where id = ${claim.customerId} and ${statusColumn(claim.channel)} = 'subscribed' returning id`);
    if (!rowsOf(res).length) return false;
    await this.audit.record({
      action: 'customer.unsubscribed',
      entity: 'customer',
      entityId: claim.customerId,
      diff: { channel: claim.channel, from: 'subscribed', to: 'unsubscribed', source, campaignId: claim.campaignId },
    });
    return true;
  }

  /** An inbound SMS keyword from `phone`: STOP unsubscribes, START re-subscribes a STOP. Answers customers changed. */
  async smsKeyword(phone: string, action: 'unsubscribe' | 'resubscribe', inboundId: string): Promise<number> {
    const [from, to] = action === 'unsubscribe' ? ['subscribed', 'unsubscribed'] : ['unsubscribed', 'subscribed'];
    const res = await this.db.execute(sql`
      update customers set sms_status = ${to}, updated_at = now()
      where phone = ${phone} and sms_status = ${from} returning id`);
    for (const row of rowsOf(res) as Array<{ id: string }>) {
      await this.audit.record({
        action: action === 'unsubscribe' ? 'customer.unsubscribed' : 'customer.resubscribed',
        entity: 'customer',
        entityId: row.id,
        diff: { channel: 'sms', from, to, source: 'sms-keyword', inboundId },
      });
    }
    return rowsOf(res).length;
  }
}

function mask(contact: string | null): string | null {
  if (!contact) return null;
  const at = contact.indexOf('@');
  if (at > 0) return `${contact.slice(0, Math.min(2, at))}…${contact.slice(at)}`;
  return contact.length > 4 ? `…${contact.slice(-4)}` : contact;
}
