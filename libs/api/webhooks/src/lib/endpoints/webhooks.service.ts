import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type {
  CreateWebhookDto,
  UpdateWebhookDto,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookListDto,
  WebhookQueuedDto,
  WebhookWithSecretDto,
} from '@mini-crm/contracts';
import { withTransaction } from '@mini-crm/db';
import { AuditService, decodeCursor, fieldChanges, toPage, type AuthUser } from '@mini-crm/api/core';
import { WebhookDeliveryProcessor } from '../delivery/webhook-delivery.processor';
import { WebhookMessagesRepository } from '../delivery/webhook-messages.repository';
import { newMessageId, webhookPayload } from '../events/webhook-payload';
import { assertPublicEndpoint, EndpointUrlError } from '../security/endpoint-address';
import { newSigningSecret, sealSecret } from '../security/secret-box';
import { WEBHOOKS_CONFIG, WebhooksConfig } from '../webhooks.config';
import { WebhookEndpointsRepository, type WebhookEndpointRow } from './webhook-endpoints.repository';

/** Subscriptions of outgoing webhooks: secrets are returned once (create, rotate) and never logged or audited. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly repo: WebhookEndpointsRepository,
    private readonly messages: WebhookMessagesRepository,
    private readonly delivery: WebhookDeliveryProcessor,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<WebhookListDto> {
    return { items: (await this.repo.list()).map(toWebhookDto) };
  }

  async get(id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.mustGet(id));
  }

  async create(input: CreateWebhookDto, actor: AuthUser): Promise<WebhookWithSecretDto> {
    await this.assertUrl(input.url);
    const secret = newSigningSecret();
    const row = await withTransaction(this.repo.db, async (tx) => {
      const row = await this.repo.insert(
        {
          url: input.url,
          events: input.events,
          description: input.description ?? null,
          secretSealed: sealSecret(this.config.encryptionKey, secret),
          createdBy: actor.id,
        },
        tx,
      );
      await this.audit.record(
        {
          actor,
          action: 'webhook.created',
          entity: 'webhook',
          entityId: row.id,
          diff: { url: row.url, events: row.events },
        },
        tx,
      );
      return row;
    });
    return { ...toWebhookDto(row), secret };
  }

  async update(id: string, input: UpdateWebhookDto, actor: AuthUser): Promise<WebhookDto> {
    const current = await this.mustGet(id);
    if (input.url !== undefined) await this.assertUrl(input.url);
    const changes: Partial<WebhookEndpointRow> = {};
    if (input.url !== undefined) changes.url = input.url;
    if (input.events !== undefined) changes.events = input.events;
    if (input.description !== undefined) changes.description = input.description || null;
    if (input.enabled !== undefined) {
      changes.enabled = input.enabled;
      // Re-enabling starts a new failure run; disabling by hand says who did it.
      changes.consecutiveFailures = input.enabled ? 0 : current.consecutiveFailures;
      changes.disabledReason = input.enabled ? null : `Disabled by ${actor.email}`;
    }
    const row = await withTransaction(this.repo.db, async (tx) => {
      const row = await this.repo.update(id, changes, tx);
      if (!row) throw new NotFoundException(`Webhook ${id} not found`);
      await this.audit.record(
        {
          actor,
          action: 'webhook.updated',
          entity: 'webhook',
          entityId: id,
          diff: fieldChanges(
            current,
            row,
            Object.keys(changes).filter((k) => k !== 'consecutiveFailures'),
          ),
        },
        tx,
      );
      return row;
    });
    return toWebhookDto(row);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await withTransaction(this.repo.db, async (tx) => {
      const row = await this.repo.delete(id, tx);
      if (!row) throw new NotFoundException(`Webhook ${id} not found`);
      await this.audit.record(
        { actor, action: 'webhook.deleted', entity: 'webhook', entityId: id, diff: { url: row.url } },
        tx,
      );
    });
  }

  /** A new secret (answered once); the current one keeps signing alongside it for the overlap period. */
  async rotateSecret(id: string, actor: AuthUser): Promise<WebhookWithSecretDto> {
    const current = await this.mustGet(id);
    const secret = newSigningSecret();
    const overlapEnds = new Date(Date.now() + this.config.rotationOverlapMs);
    const row = await withTransaction(this.repo.db, async (tx) => {
      const row = await this.repo.update(
        id,
        {
          secretSealed: sealSecret(this.config.encryptionKey, secret),
          previousSecretSealed: current.secretSealed,
          previousSecretExpiresAt: overlapEnds,
        },
        tx,
      );
      if (!row) throw new NotFoundException(`Webhook ${id} not found`);
      await this.audit.record(
        {
          actor,
          action: 'webhook.secret_rotated',
          entity: 'webhook',
          entityId: id,
          diff: { previousSecretSignsUntil: overlapEnds.toISOString() },
        },
        tx,
      );
      return row;
    });
    return { ...toWebhookDto(row), secret };
  }

  /** Sends a `webhook.test` event to the endpoint (whatever it subscribes to). */
  async sendTest(id: string, actor: AuthUser): Promise<WebhookQueuedDto> {
    const endpoint = await this.mustGet(id);
    const messageId = newMessageId();
    const at = new Date().toISOString();
    await this.messages.upsert([
      {
        id: messageId,
        endpointId: endpoint.id,
        sourceKey: messageId,
        eventType: 'webhook.test',
        payload: webhookPayload(messageId, {
          type: 'webhook.test',
          at,
          data: { message: 'A test event sent from Admin › Webhooks', requestedBy: actor.email },
        }),
      },
    ]);
    await this.delivery.enqueue([messageId]);
    await this.audit.record({
      actor,
      action: 'webhook.test_sent',
      entity: 'webhook',
      entityId: id,
      diff: { messageId },
    });
    return { eventId: messageId };
  }

  async deliveries(id: string, q: { limit: number; cursor?: string }): Promise<WebhookDeliveryPageDto> {
    await this.mustGet(id);
    const key = decodeCursor(q.cursor, 1);
    const rows = await this.messages.deliveries(id, q.limit, key ? String(key[0]) : null);
    const page = toPage(rows, q.limit, (r) => [r.id]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        id: r.id,
        eventId: r.messageId,
        eventType: r.eventType,
        attempt: r.attempt,
        ok: r.ok,
        statusCode: r.statusCode,
        durationMs: r.durationMs,
        responseExcerpt: r.responseExcerpt,
        error: r.error,
        at: r.at.toISOString(),
      })),
    };
  }

  /** Sends the event of a logged attempt again (same `webhook-id`, so receivers can deduplicate). */
  async redeliver(id: string, deliveryId: string, actor: AuthUser): Promise<WebhookQueuedDto> {
    const endpoint = await this.mustGet(id);
    if (!endpoint.enabled)
      throw new BadRequestException({
        message: 'The endpoint is disabled; enable it first',
        details: [{ path: 'enabled', message: 'the endpoint is disabled' }],
      });
    const delivery = await this.messages.delivery(id, deliveryId);
    if (!delivery) throw new NotFoundException(`Delivery ${deliveryId} not found`);
    await this.delivery.redeliver(delivery.messageId);
    await this.audit.record({
      actor,
      action: 'webhook.redelivered',
      entity: 'webhook',
      entityId: id,
      diff: { messageId: delivery.messageId, deliveryId },
    });
    return { eventId: delivery.messageId };
  }

  private async assertUrl(url: string): Promise<void> {
    try {
      await assertPublicEndpoint(url, this.config.allowPrivate);
    } catch (e) {
      if (!(e instanceof EndpointUrlError)) throw e;
      throw new BadRequestException({ message: e.message, details: [{ path: 'url', message: e.message }] });
    }
  }

  private async mustGet(id: string): Promise<WebhookEndpointRow> {
    const row = await this.repo.get(id);
    if (!row) throw new NotFoundException(`Webhook ${id} not found`);
    return row;
  }
}

export function toWebhookDto(row: WebhookEndpointRow): WebhookDto {
  const overlap = row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now();
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    previousSecretExpiresAt: overlap ? (row.previousSecretExpiresAt as Date).toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
