import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, lt, or, SQL } from 'drizzle-orm';
import { auditLog, Database } from '@mini-crm/db';
import type { AuditEntryDto } from '@mini-crm/contracts';
import { DB } from '../db/database.module';
import { decodeCursor, Page, toPage } from '../http/pagination';

export interface AuditEvent {
  actor?: { id: string; email: string } | null;
  action: string;
  entity: string;
  entityId?: string | null;
  diff?: Record<string, unknown> | null;
}

/** Append-only audit trail: sign-ins, role/activation changes, consent changes. */
@Injectable()
export class AuditService {
  constructor(@Inject(DB) private readonly db: Database) {}

  async record(event: AuditEvent, tx: Database = this.db): Promise<void> {
    await tx.insert(auditLog).values({
      actorId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId ?? null,
      diff: event.diff ?? null,
    });
  }

  async list(q: { limit: number; cursor?: string; actor?: string; action?: string }): Promise<Page<AuditEntryDto>> {
    const key = decodeCursor(q.cursor, 2);
    const where: SQL[] = [];
    if (q.actor) where.push(eq(auditLog.actorId, q.actor));
    if (q.action) where.push(eq(auditLog.action, q.action));
    if (key) {
      const at = new Date(String(key[0]));
      where.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, String(key[1])))) as SQL);
    }
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.limit + 1);
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
        at: r.at.toISOString(),
      })),
    };
  }
}
