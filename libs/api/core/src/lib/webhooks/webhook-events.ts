import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

/** Redis stream (under the app's key prefix) the domain libs publish webhook events to; api/webhooks drains it. */
export const WEBHOOK_EVENT_STREAM = 'webhooks:events';

/** Items per `message.*` event: a campaign of a million messages is ten thousand deliveries, not a million. */
export const WEBHOOK_BATCH_ITEMS = 100;

/** Event types whose data is `{ items: [...] }`, batched up to WEBHOOK_BATCH_ITEMS per event. */
export type WebhookBatchedType =
  | 'message.delivered'
  | 'message.failed'
  | 'message.opened'
  | 'message.clicked'
  | 'order.attributed';

/** One published event as read back from the stream. */
export interface PublishedWebhookEvent {
  /** Unique per published event: the fan-out's idempotency key. */
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export function webhookEventFields(e: PublishedWebhookEvent): string[] {
  return ['id', e.id, 't', e.type, 'at', e.at, 'd', JSON.stringify(e.data)];
}

/** The event of a stream entry's field list; null for an entry that is not one. */
export function webhookEventOf(fields: string[]): PublishedWebhookEvent | null {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  if (!f['id'] || !f['t'] || !f['at'] || !f['d']) return null;
  try {
    const data = JSON.parse(f['d']) as unknown;
    return data && typeof data === 'object'
      ? { id: f['id'], type: f['t'], at: f['at'], data: data as Record<string, unknown> }
      : null;
  } catch {
    return null;
  }
}

/**
 * What the domain libs call after their change is committed: one XADD per event (a pipeline of
 * them for message batches), nothing else on the caller's path. Subscriptions, payloads, signing
 * and delivery happen in api/webhooks, which consumes the stream where queues are consumed. A
 * publish that fails (Redis down) is logged and never fails the caller's request.
 */
@Injectable()
export class WebhookEvents {
  private readonly log = new Logger('WebhookEvents');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async publish(type: string, data: Record<string, unknown>): Promise<void> {
    await this.add([{ id: randomUUID(), type, at: new Date().toISOString(), data }]);
  }

  /** One event of `type` per data object (e.g. one customer.created per customer of a batch), in one pipeline. */
  async publishEach(type: string, data: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    if (!data.length) return;
    const at = new Date().toISOString();
    await this.add(data.map((d) => ({ id: randomUUID(), type, at, data: d })));
  }

  /** Per-message events: `items` in chunks of WEBHOOK_BATCH_ITEMS, one event each. */
  async publishItems(type: WebhookBatchedType, items: ReadonlyArray<object>): Promise<void> {
    if (!items.length) return;
    const at = new Date().toISOString();
    const events: PublishedWebhookEvent[] = [];
    for (let i = 0; i < items.length; i += WEBHOOK_BATCH_ITEMS)
      events.push({ id: randomUUID(), type, at, data: { items: items.slice(i, i + WEBHOOK_BATCH_ITEMS) } });
    await this.add(events);
  }

  private async add(events: PublishedWebhookEvent[]): Promise<void> {
    try {
      const p = this.redis.pipeline();
      for (const e of events) p.xadd(WEBHOOK_EVENT_STREAM, '*', ...webhookEventFields(e));
      const res = await p.exec();
      const failed = res?.find(([err]) => err);
      if (failed) throw failed[0];
    } catch (e) {
      this.log.warn(`publishing ${events.length} ${events[0]?.type} event(s) failed: ${(e as Error).message}`);
    }
  }
}

@Global()
@Module({ providers: [WebhookEvents], exports: [WebhookEvents] })
export class WebhookEventsModule {}
