import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import {
  APP_CONFIG,
  AppConfig,
  duplicateRedis,
  keyPrefixOf,
  observeTrackingHitLag,
  REDIS,
  WebhookEvents,
} from '@mini-crm/api/core';
import { EngagementRepository, type HumanEngagement } from './engagement.repository';
import { HIT_GROUP, HIT_STREAM, hitOf, TrackedHit } from './hit-stream';
import { labelHits } from './hit-labeller.util';
import { TRACKING_CONFIG, TrackingConfig } from './tracking.config';

type Entry = [id: string, fields: string[]];

/**
 * Drains the hit stream into engagement_events where queues are consumed (WORKERS_IN_API, apps/worker):
 * a consumer group read in batches (lingering TRACKING_LINGER_MS after a partial one), one statement per batch, XACK + XDEL after the commit. Entries
 * a dead consumer left pending are claimed (XAUTOCLAIM) after TRACKING_CLAIM_IDLE_MS. A replayed
 * entry is a no-op (hit_id is unique), so a crash between commit and ack costs nothing.
 */
@Injectable()
export class HitConsumerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('TrackingConsumer');
  private readonly consumer = `c-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private reader?: Redis;
  private running = false;
  private loop?: Promise<void>;
  private lastClaim = 0;
  private wake = () => undefined as void;
  /** Entries written so far by this process (tests and the benchmark read it). */
  written = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TRACKING_CONFIG) private readonly config: TrackingConfig,
    private readonly repo: EngagementRepository,
    private readonly webhooks: WebhookEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.app.consumeQueues) return;
    // A blocking read needs its own connection (same options and key prefix as the shared client).
    this.reader = duplicateRedis(this.redis);
    this.reader.on('error', () => undefined);
    // ioredis does not apply its key prefix to XGROUP's key: name it in full.
    const key = `${keyPrefixOf(this.redis)}${HIT_STREAM}`;
    await this.redis.xgroup('CREATE', key, HIT_GROUP, '0', 'MKSTREAM').catch((e: Error) => {
      if (!/BUSYGROUP/.test(e.message)) throw e;
    });
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake();
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
        if (entries.length && entries.length < this.config.batchSize) await this.linger();
      } catch (e) {
        if (!this.running) break;
        failures++;
        if (failures === 1 || failures % 50 === 0) this.log.warn(`tracking batch failed: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * failures)));
      }
    }
  }

  /** Lets hits accumulate after a partial batch; cut short by shutdown. */
  private linger(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.config.lingerMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Claimed entries of dead consumers first (every few seconds), else new ones (blocking up to 1 s). */
  private async next(): Promise<Entry[]> {
    if (Date.now() - this.lastClaim > Math.min(5000, this.config.claimIdleMs)) {
      this.lastClaim = Date.now();
      const claimed = (await this.redis.xautoclaim(
        HIT_STREAM,
        HIT_GROUP,
        this.consumer,
        this.config.claimIdleMs,
        '0-0',
        'COUNT',
        this.config.batchSize,
      )) as [string, Entry[]];
      const live = (claimed[1] ?? []).filter((e) => e && e[1]);
      if (live.length) return live;
    }
    const res = (await (this.reader as Redis).xreadgroup(
      'GROUP',
      HIT_GROUP,
      this.consumer,
      'COUNT',
      this.config.batchSize,
      'BLOCK',
      1000,
      'STREAMS',
      HIT_STREAM,
      '>',
    )) as [string, Entry[]][] | null;
    return res?.[0]?.[1] ?? [];
  }

  /** message.opened / message.clicked for the human hits stored (machine-labelled ones are not announced). */
  private async publish(human: HumanEngagement[]): Promise<void> {
    const item = (h: HumanEngagement) => ({
      messageId: h.messageId,
      campaignId: h.campaignId,
      customerId: h.customerId,
      at: h.at,
      ...(h.type === 'click' ? { linkId: h.linkId } : {}),
    });
    await this.webhooks.publishItems('message.opened', human.filter((h) => h.type === 'open').map(item));
    await this.webhooks.publishItems('message.clicked', human.filter((h) => h.type === 'click').map(item));
  }

  private async apply(entries: Entry[]): Promise<void> {
    const hits: { id: string; hit: TrackedHit }[] = [];
    for (const [id, fields] of entries) {
      const hit = hitOf(fields);
      if (hit) hits.push({ id, hit });
    }
    if (hits.length) {
      const since = Math.min(...hits.map((h) => h.hit.at)) - this.config.burstSeconds * 1000;
      const context = await this.repo.context([...new Set(hits.map((h) => h.hit.messageId))], new Date(since));
      const { events, relabel } = labelHits(hits, context, this.config);
      const result = await this.repo.record(events, relabel);
      this.written += result.inserted;
      observeTrackingHitLag(hits.map((h) => h.hit.at));
      await this.publish(result.human);
    }
    const ids = entries.map((e) => e[0]);
    await this.redis
      .multi()
      .xack(HIT_STREAM, HIT_GROUP, ...ids)
      .xdel(HIT_STREAM, ...ids)
      .exec();
  }
}
