import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AuditService, Queues, WEBHOOK_DELIVERY_QUEUE, type WebhookDeliveryJobData } from '@mini-crm/api/core';
import { WebhookEndpointsRepository, type WebhookEndpointRow } from '../endpoints/webhook-endpoints.repository';
import { openSecret } from '../security/secret-box';
import { WEBHOOKS_CONFIG, WebhooksConfig } from '../webhooks.config';
import { sendSigned } from './webhook-sender';
import { WebhookMessagesRepository } from './webhook-messages.repository';

/**
 * One attempt per job: send, log the attempt, then either done, the next attempt as a delayed job
 * (retryDelaysMs[retry]), or given up. A failed attempt lengthens the endpoint's failure run; the
 * attempt that reaches WEBHOOK_DISABLE_AFTER_FAILURES disables the endpoint (audited). Jobs of a
 * disabled or deleted endpoint send nothing.
 */
@Injectable()
export class WebhookDeliveryProcessor {
  private readonly log = new Logger('WebhookDelivery');

  constructor(
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly messages: WebhookMessagesRepository,
    private readonly queues: Queues,
    private readonly audit: AuditService,
  ) {}

  /** Queues the first attempt of new messages (job id = message id, so a replayed fan-out adds nothing). */
  async enqueue(messageIds: string[]): Promise<void> {
    if (!messageIds.length) return;
    await this.queues.queue(WEBHOOK_DELIVERY_QUEUE).addBulk(
      messageIds.map((messageId) => ({
        name: 'deliver',
        data: { messageId, retry: 0 },
        opts: { jobId: messageId, removeOnComplete: true, removeOnFail: 1000 },
      })),
    );
  }

  /** A redelivery an admin asked for: one attempt now. */
  async redeliver(messageId: string): Promise<void> {
    await this.queues
      .queue(WEBHOOK_DELIVERY_QUEUE)
      .add('redeliver', { messageId, retry: 0, manual: true }, { removeOnComplete: true, removeOnFail: 1000 });
  }

  async process(job: Job<WebhookDeliveryJobData>): Promise<void> {
    const { messageId, retry, manual } = job.data;
    const message = await this.messages.get(messageId);
    if (!message) return;
    const endpoint = await this.endpoints.get(message.endpointId);
    if (!endpoint || !endpoint.enabled) {
      await this.messages.setStatus(messageId, 'dropped');
      return;
    }
    const attempt = await this.messages.nextAttempt(messageId);
    const outcome = await sendSigned({
      url: endpoint.url,
      messageId,
      body: JSON.stringify(message.payload),
      secrets: this.secretsOf(endpoint),
      timeoutMs: this.config.timeoutMs,
      allowPrivate: this.config.allowPrivate,
    });
    await this.messages.logAttempt({ endpointId: endpoint.id, messageId, attempt, ...outcome });
    if (outcome.ok) {
      await this.messages.setStatus(messageId, 'delivered');
      await this.endpoints.succeeded(endpoint.id);
      return;
    }
    const run = await this.endpoints.failed(
      endpoint.id,
      this.config.disableAfterFailures,
      `Disabled automatically after ${this.config.disableAfterFailures} consecutive failed deliveries`,
    );
    if (run.disabled) {
      this.log.warn(`webhook endpoint ${endpoint.id} disabled after ${run.failures} consecutive failures`);
      await this.audit.record({
        action: 'webhook.disabled',
        entity: 'webhook',
        entityId: endpoint.id,
        diff: { consecutiveFailures: run.failures, lastError: outcome.error },
      });
    }
    const delay = manual ? undefined : this.config.retryDelaysMs[retry];
    if (delay === undefined || run.disabled) {
      await this.messages.setStatus(messageId, 'failed');
      return;
    }
    await this.queues
      .queue(WEBHOOK_DELIVERY_QUEUE)
      .add(
        'retry',
        { messageId, retry: retry + 1 },
        { jobId: `${messageId}_${retry + 1}`, delay, removeOnComplete: true, removeOnFail: 1000 },
      );
  }

  /** The current secret, and the previous one while its overlap lasts. */
  private secretsOf(endpoint: WebhookEndpointRow): string[] {
    const key = this.config.encryptionKey;
    const secrets = [openSecret(key, endpoint.secretSealed)];
    if (
      endpoint.previousSecretSealed &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt.getTime() > Date.now()
    )
      secrets.push(openSecret(key, endpoint.previousSecretSealed));
    return secrets;
  }
}
