import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import {
  APP_CONFIG,
  AppConfig,
  duplicateRedis,
  keyPrefixOf,
  REDIS,
  WEBHOOK_EVENT_STREAM,
  webhookEventOf,
  type PublishedWebhookEvent,
} from '@mini-crm/api/core';
import { WebhookEndpointsRepository } from '../endpoints/webhook-endpoints.repository';
import { WebhookMessagesRepository, type NewWebhookMessage } from '../delivery/webhook-messages.repository';
import { WebhookDeliveryProcessor } from '../delivery/webhook-delivery.processor';
import { WEBHOOKS_CONFIG, WebhooksConfig } from '../webhooks.config';
import { newMessageId, webhookPayload } from './webhook-payload';

type Entry = [id: string, fields: string[]];

const GROUP = 'fanout';
/** Entries a dead consumer left pending are claimed after this long. */
const CLAIM_IDLE_MS = 30_000;

/**
 * Drains the webhook event stream where queues are consumed: each published event becomes one
 * message per enabled endpoint subscribed to its type (webhook_messages, unique per endpoint and
 * event id), the messages' first attempts are queued, and only then are the entries acknowledged
 * and deleted. A crash in between replays the entries: the unique key and the job id (= message id)
 * make that a no-op, so delivery is at least once.
 */
@Injectable()
export class EventFanoutService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('WebhookFanout');
  private readonly consumer = `c-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private reader?: Redis;
  private running = false;
  private loop?: Promise<void>;
  private lastClaim = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly messages: WebhookMessagesRepository,
    private readonly delivery: WebhookDeliveryProcessor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.app.consumeQueues) return;
    this.reader = duplicateRedis(this.redis);
    this.reader.on('error', () => undefined);
    // ioredis does not apply its key prefix to XGROUP's key: name it in full.
    const key = `${keyPrefixOf(this.redis)}${WEBHOOK_EVENT_STREAM}`;
    await this.redis.xgroup('CREATE', key, GROUP, '0', 'MKSTREAM').catch((e: Error) => {
      if (!/BUSYGROUP/.test(e.message)) throw e;
    });
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.reader?.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const entries = await this.next();
        if (entries.length) await this.apply(entries);
        failures = 0;
      } catch (e) {
        if (!this.running) break;
        failures++;
        if (failures === 1 || failures % 50 === 0) this.log.warn(`webhook fan-out failed: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * failures)));
      }
    }
  }

  private async next(): Promise<Entry[]> {
    if (Date.now() - this.lastClaim > 5000) {
      this.lastClaim = Date.now();
      const claimed = (await this.redis.xautoclaim(
        WEBHOOK_EVENT_STREAM,
        GROUP,
        this.consumer,
        CLAIM_IDLE_MS,
        '0-0',
        'COUNT',
        this.config.fanoutBatch,
      )) as [string, Entry[]];
      const live = (claimed[1] ?? []).filter((e) => e && e[1]);
      if (live.length) return live;
    }
    const res = (await (this.reader as Redis).xreadgroup(
      'GROUP',
      GROUP,
      this.consumer,
      'COUNT',
      this.config.fanoutBatch,
      'BLOCK',
      1000,
      'STREAMS',
      WEBHOOK_EVENT_STREAM,
      '>',
    )) as [string, Entry[]][] | null;
    return res?.[0]?.[1] ?? [];
  }

  private async apply(entries: Entry[]): Promise<void> {
    const events = entries.map(([, fields]) => webhookEventOf(fields)).filter((e): e is PublishedWebhookEvent => !!e);
    if (events.length) {
      const endpoints = await this.endpoints.listEnabled();
      const rows: NewWebhookMessage[] = [];
      for (const event of events)
        for (const endpoint of endpoints) {
          if (!endpoint.events.includes(event.type)) continue;
          const id = newMessageId();
          rows.push({
            id,
            endpointId: endpoint.id,
            sourceKey: event.id,
            eventType: event.type,
            payload: webhookPayload(id, event),
          });
        }
      for (let i = 0; i < rows.length; i += 500)
        await this.delivery.enqueue(await this.messages.upsert(rows.slice(i, i + 500)));
    }
    const ids = entries.map((e) => e[0]);
    await this.redis
      .multi()
      .xack(WEBHOOK_EVENT_STREAM, GROUP, ...ids)
      .xdel(WEBHOOK_EVENT_STREAM, ...ids)
      .exec();
  }
}
