import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { DeliveryReceiptDto } from '@mini-crm/contracts';
import { REDIS } from '@mini-crm/api/core';
import { MessagesRepository } from '@mini-crm/api/campaigns';
import { EmailFeedbackService, type FeedbackMessage } from '@mini-crm/api/customers';
import { UUID_PATTERN } from '@mini-crm/db';
import { CHANNELS_CONFIG, type ChannelsConfig } from '../channels.config';
import { softBounceKey } from '../queue/delivery-keys';
import { InboundDedupeService } from './inbound-dedupe.service';
import { ReceiptBufferService } from './receipt-buffer.service';

/** One event of SendGrid's Event Webhook (the fields we read; SendGrid sends more). */
export interface SendgridEvent {
  email?: string;
  event?: string;
  /** For `bounce`: `bounce` (hard) or `blocked` (soft). */
  type?: string;
  sg_event_id?: string;
  'smtp-id'?: string;
  reason?: string;
  timestamp?: number;
}

export interface EmailEventsResult {
  received: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  suppressed: number;
  ignored: number;
}

/** Soft bounces count within this period; older ones are forgotten. */
const SOFT_BOUNCE_PERIOD_SECONDS = 30 * 24 * 3600;

/**
 * Bounces and complaints from the email service. A hard bounce blocklists the address's email channel
 * (consent source `bounce`) and suppresses it from every later email audience; a spam report
 * unsubscribes it (source `complaint`); soft bounces (deferred, blocked) count per address and count as
 * a bounce once EMAIL_SOFT_BOUNCE_LIMIT is reached (EmailFeedbackService). A bounce of one of our
 * messages is also its failed receipt, so campaign stats count it. Each event id is handled once.
 */
@Injectable()
export class EmailEventsService {
  constructor(
    @Inject(CHANNELS_CONFIG) private readonly channels: ChannelsConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly once: InboundDedupeService,
    private readonly receipts: ReceiptBufferService,
    private readonly messages: MessagesRepository,
    private readonly feedback: EmailFeedbackService,
  ) {}

  async apply(events: SendgridEvent[]): Promise<EmailEventsResult> {
    const result: EmailEventsResult = {
      received: events.length,
      hardBounces: 0,
      softBounces: 0,
      complaints: 0,
      suppressed: 0,
      ignored: 0,
    };
    const receipts: DeliveryReceiptDto[] = [];
    for (const e of events) {
      const kind = classify(e);
      const email = e.email?.trim().toLowerCase();
      if (!kind || !email || !e.sg_event_id) {
        result.ignored++;
        continue;
      }
      const messageId = messageIdOf(e['smtp-id']);
      const handled = await this.once.once(`sendgrid:${e.sg_event_id}`, async () => {
        if (kind === 'delivered') return;
        if (kind === 'hard') {
          result.hardBounces++;
          await this.undeliverable(email, messageId, 'hard bounce', e.reason);
          result.suppressed++;
        } else if (kind === 'soft') {
          result.softBounces++;
          if (await this.countSoftBounce(email)) {
            await this.undeliverable(email, messageId, 'repeated soft bounces', e.reason);
            result.suppressed++;
          }
        } else if (kind === 'complaint') {
          result.complaints++;
          await this.complaint(email, messageId);
        }
        return true;
      });
      if (handled === null) continue;
      const type = kind === 'delivered' ? 'delivered' : kind === 'hard' || kind === 'soft' ? 'failed' : null;
      if (type && messageId && e['smtp-id'])
        receipts.push({
          id: `sendgrid:${e.sg_event_id}`,
          vendorMessageId: e['smtp-id'],
          idempotencyKey: messageId,
          type,
          ...(type === 'failed' ? { reason: kind === 'hard' ? 'hard_bounce' : 'soft_bounce' } : {}),
          at: new Date((e.timestamp ?? Date.now() / 1000) * 1000).toISOString(),
        });
    }
    if (receipts.length) await this.receipts.submit(receipts);
    return result;
  }

  private async undeliverable(email: string, messageId: string | null, why: string, reason?: string): Promise<void> {
    await this.feedback.bounced(email, why, reason ?? null, await this.messageOf(messageId));
  }

  private async messageOf(messageId: string | null): Promise<FeedbackMessage | null> {
    const owner = messageId ? (await this.messages.owners([messageId])).get(messageId) : undefined;
    return owner && messageId ? { messageId, customerId: owner.customerId, campaignId: owner.campaignId } : null;
  }

  /** True when this soft bounce reaches the limit. */
  private async countSoftBounce(email: string): Promise<boolean> {
    const key = softBounceKey(createHash('sha256').update(email).digest('hex'));
    const [[, n]] = ((await this.redis.multi().incr(key).expire(key, SOFT_BOUNCE_PERIOD_SECONDS).exec()) ?? [
      [null, 0],
    ]) as [unknown, number][];
    return Number(n) === this.channels.softBounceLimit;
  }

  private async complaint(email: string, messageId: string | null): Promise<void> {
    await this.feedback.complained(email, await this.messageOf(messageId));
  }
}

/** `deferred` is SendGrid still retrying: not a bounce yet, so not counted. */
function classify(e: SendgridEvent): 'hard' | 'soft' | 'complaint' | 'delivered' | null {
  switch (e.event) {
    case 'bounce':
      return e.type === 'blocked' ? 'soft' : 'hard';
    case 'spamreport':
      return 'complaint';
    case 'delivered':
      return 'delivered';
    default:
      return null;
  }
}

/** Our message id from the Message-ID we set, `<uuid@domain>`. */
function messageIdOf(smtpId: string | undefined): string | null {
  const id = /^<?([0-9a-f-]{36})@/i.exec(smtpId ?? '')?.[1];
  return id && UUID_PATTERN.test(id) ? id.toLowerCase() : null;
}
