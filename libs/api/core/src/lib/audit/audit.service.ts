import { Injectable } from '@nestjs/common';
import type { DbOrTx } from '@mini-crm/db';
import type { AuditAction, AuditEntryDto } from '@mini-crm/contracts';
import { decodeCursor, Page, toPage } from '../http/pagination';
import { AuditRepository } from './audit.repository';
import { currentRequestId } from '../http/request-context';
import { redactSecrets } from './redact-secrets';

export interface AuditEvent {
  actor?: { id: string; email: string } | null;
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  diff?: Record<string, unknown> | null;
}

/** Append-only audit trail of every write (actor, action, entity, diff without secrets, request id). */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  /** Records the event; pass `tx` to make it part of the caller's transaction. */
  async record(event: AuditEvent, tx?: DbOrTx): Promise<void> {
    await this.repo.insert(
      {
        actorId: event.actor?.id ?? null,
        actorEmail: event.actor?.email ?? null,
        action: event.action,
        entity: event.entity,
        entityId: event.entityId ?? null,
        diff: event.diff ? redactSecrets(event.diff) : null,
        requestId: currentRequestId(),
      },
      tx,
    );
  }

  async list(q: { limit: number; cursor?: string; actor?: string; action?: string }): Promise<Page<AuditEntryDto>> {
    const key = decodeCursor(q.cursor, 2);
    const rows = await this.repo.list({
      limit: q.limit,
      actor: q.actor,
      action: q.action,
      before: key ? [new Date(String(key[0])), String(key[1])] : null,
    });
    const page = toPage(rows, q.limit, (r) => [r.at.toISOString(), r.id]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        id: r.id,
        actorId: r.actorId,
        actorEmail: r.actorEmail,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        diff: r.diff as Record<string, unknown> | null,
        requestId: r.requestId,
        at: r.at.toISOString(),
      })),
    };
  }
}
