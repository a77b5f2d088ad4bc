import { randomUUID } from 'node:crypto';
import type { PublishedWebhookEvent } from '@mini-crm/api/core';

/** A message id (`webhook-id` header and the payload's `id`): unique per endpoint and event, the same on every attempt. */
export function newMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

/** The JSON body every endpoint receives: `{ id, type, timestamp, data }`. */
export function webhookPayload(id: string, event: Pick<PublishedWebhookEvent, 'type' | 'at' | 'data'>) {
  return { id, type: event.type, timestamp: event.at, data: event.data };
}
