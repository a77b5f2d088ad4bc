import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, SQL } from 'drizzle-orm';
import { auditLog, keysetPast, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '../db/database.module';

export type AuditRow = typeof auditLog.$inferSelect;

/** The append-only audit_log table. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(values: typeof auditLog.$inferInsert, tx: DbOrTx = this.db): Promise<void> {
    await tx.insert(auditLog).values(values);
  }

  /** One page plus one row, newest first, before `before` (at, id), optionally by actor and action. */
  async list(q: {
    limit: number;
    actor?: string;
    action?: string;
    before: [Date, string] | null;
  }): Promise<AuditRow[]> {
    const where: SQL[] = [];
    if (q.actor) where.push(eq(auditLog.actorId, q.actor));
    if (q.action) where.push(eq(auditLog.action, q.action));
    if (q.before) where.push(keysetPast('desc', [auditLog.at, auditLog.id], q.before));
    return this.db
      .select()
      .from(auditLog)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.limit + 1);
  }
}
